package io.amqpra.impl.broker;

import io.amqpra.impl.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * An embedded ActiveMQ Artemis broker on loopback, AMQP only. Addresses are created on first use
 * as queues (anycast). A persistent one keeps durable messages across {@link #restart()}.
 */
public final class TestBroker implements AutoCloseable {

    private final ActiveMQServer server;

    /** Where the broker moves a message that was rejected. */
    public static final String DEAD_LETTERS = "DLQ";

    private TestBroker(ActiveMQServer server) {
        this.server = server;
    }

    /** A broker without persistence on an ephemeral port. */
    public static TestBroker start() throws Exception {
        return start(0, false);
    }

    /**
     * A broker on a free port that stays its port across {@link #restart()} (one started on port 0
     * would come back on another).
     */
    public static TestBroker startOnFreePort(boolean persistent) throws Exception {
        return start(freePort(), persistent);
    }

    /** A loopback port nobody listens on right now, for a broker to start on later. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A broker on {@code port} (0 for ephemeral), with a journal in a temporary folder if persistent. */
    public static TestBroker start(int port, boolean persistent) throws Exception {
        return start(port, persistent, "");
    }

    /** As above, with extra acceptor parameters such as {@code ;sslEnabled=true;keyStorePath=...}. */
    public static TestBroker start(int port, boolean persistent, String acceptorParameters) throws Exception {
        Path dir = Files.createTempDirectory("artemis");
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(persistent);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dir.toFile());
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
        // Tests stop the broker gracefully, which flushes the journal; no fsync per message.
        config.setJournalSyncNonTransactional(false);
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP" + acceptorParameters);
        config.addAddressSetting("#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS)));
        config.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(config, persistent);
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

    /** Messages waiting on a queue, as the broker counts them. */
    public long messageCount(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    /** Messages of a queue that a consumer holds acquired (delivered, not yet settled). */
    public long deliveringCount(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getDeliveringCount();
    }

    /**
     * The message count of a queue once it reached {@code expected}, or whatever it is after
     * five seconds: the broker counts a message on its queue's executor, just after it accepted it.
     */
    public long awaitMessageCount(String queue, long expected) {
        Await.within(Duration.ofSeconds(5), () -> messageCount(queue) == expected);
        return messageCount(queue);
    }

    /** A queue's counts as the broker sees them, for a failure message. */
    public String describe(String queue) {
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? queue + ": no such queue" : queue + ": messages=" + q.getMessageCount() + " delivering="
                + q.getDeliveringCount() + " consumers=" + q.getConsumerCount() + " id=" + q.getID();
    }

    /** Deletes every message on a queue (benchmarks between rounds). */
    public void purge(String queue) throws Exception {
        Queue q = server.locateQueue(SimpleString.of(queue));
        if (q != null) {
            q.deleteAllReferences();
        }
    }

    /** Drops every client connection at the socket, as a crashing broker or network would. */
    public void killConnections() {
        for (RemotingConnection c : server.getRemotingService().getConnections()) {
            c.fail(new ActiveMQException("killed by the test"));
        }
    }

    public void stop() throws Exception {
        server.stop();
    }

    /**
     * Stops the broker as its clients see a crash, though with its journal written: it takes no
     * new connection, drops those it has, waits until it took back what their consumers held,
     * then stops. For a broker whose consumers are busy, use this, not {@link #stop()}: there,
     * Artemis closes an AMQP consumer on a remoting thread, which holds the journal's read lock
     * and waits for the consumer's queue, while an acknowledgement holds that queue and waits for
     * the read lock behind the write lock that stop takes; stop never returns.
     */
    public void kill() throws Exception {
        server.getRemotingService().pauseAcceptors();
        killConnections();
        Await.until(() -> "the broker to let go of its dropped clients (connections "
                        + server.getConnectionCount() + ", sessions " + server.getSessionCount() + ", delivering "
                        + delivering() + ")", Duration.ofSeconds(30),
                () -> server.getConnectionCount() == 0 && server.getSessionCount() == 0 && delivering() == 0);
        server.stop();
    }

    /** Messages that consumers hold on every queue. */
    private long delivering() {
        return server.getPostOffice().getAllBindings().filter(b -> b instanceof QueueBinding)
                .mapToLong(b -> ((QueueBinding) b).getQueue().getDeliveringCount()).sum();
    }

    /** Starts a stopped broker again, on the same port and journal. */
    public void restart() throws Exception {
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
