package io.amqpra.impl.client;

import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.transport.ProtonEvents;
import io.amqpra.impl.transport.ProtonPump;
import io.netty.channel.Channel;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * One attempt to connect: a fresh socket, transport, engine connection and session, never
 * reused once it failed. Events of an attempt that is no longer the current one are dropped.
 */
final class Attempt implements ProtonEvents {

    final Endpoint endpoint;
    final Connection connection;
    final Session session;
    final SaslClient sasl;
    final ProtonPump pump;
    Channel channel;
    ErrorCondition transportError;
    boolean opened;
    private final AmqpClientConnection owner;

    Attempt(AmqpClientConnection owner, Endpoint endpoint, ConnectionSettings settings, String containerId) {
        this.owner = owner;
        this.endpoint = endpoint;
        Transport transport = Transport.Factory.create();
        transport.setMaxFrameSize(settings.transport().maxFrameSize());
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.transport().idleTimeoutMillis()));
        Sasl saslLayer = transport.sasl();
        saslLayer.client();
        sasl = new SaslClient(settings.sasl().username(), settings.sasl().password(), settings.sasl().mechanisms(),
                settings.tls() != null && settings.tls().keyStore() != null);
        saslLayer.setListener(sasl);

        connection = Connection.Factory.create();
        connection.setContainer(containerId);
        String virtualHost = settings.transport().virtualHost();
        connection.setHostname(virtualHost != null ? virtualHost : endpoint.host());
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        connection.open();
        session = connection.session();
        session.open();
        pump = new ProtonPump(transport, collector, this);
    }

    /** The engine's own reason for ending the connection, such as an expired idle timeout. */
    ErrorCondition localCondition() {
        ErrorCondition c = connection.getCondition();
        return c == null || c.getCondition() == null ? null : c;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() == Event.Type.TRANSPORT_ERROR) {
            transportError = event.getTransport().getCondition();
        }
        if (owner.isCurrent(this)) {
            owner.onEvent(this, event);
        }
    }

    @Override
    public void afterEvents() {
        owner.afterEvents();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        owner.attemptEnded(this, cause);
    }
}
