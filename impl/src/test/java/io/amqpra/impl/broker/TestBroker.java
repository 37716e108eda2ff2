package io.amqpra.impl.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * An embedded ActiveMQ Artemis broker on an ephemeral loopback port, AMQP only. Addresses are
 * created on first use as queues (anycast), so what a test sends waits for its receiver.
 */
public final class TestBroker implements AutoCloseable {

    private final ActiveMQServer server;

    private TestBroker(ActiveMQServer server) {
        this.server = server;
    }

    public static TestBroker start() throws Exception {
        Path dir = Files.createTempDirectory("artemis");
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dir.toFile());
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP");
        config.addAddressSetting("#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(config, false);
        server.start();
        return new TestBroker(server);
    }

    public int port() {
        return ((NettyAcceptor) server.getRemotingService().getAcceptor("amqp")).getActualPort();
    }

    public String uri() {
        return "amqp://127.0.0.1:" + port();
    }

    /** Connections open right now. */
    public int connectionCount() {
        return server.getConnectionCount();
    }

    /** Connections ever accepted. */
    public long totalConnectionCount() {
        return server.getTotalConnectionCount();
    }

    /** Drops every client connection at the socket, as a crashing broker or network would. */
    public void killConnections() {
        for (RemotingConnection c : server.getRemotingService().getConnections()) {
            c.fail(new ActiveMQException("killed by the test"));
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
