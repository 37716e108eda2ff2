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
        transport.setMaxFrameSize(settings.maxFrameSize());
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutMillis()));
        Sasl saslLayer = transport.sasl();
        saslLayer.client();
        sasl = new SaslClient(settings.username(), settings.password(), settings.saslMechanisms(),
                settings.tls() != null && settings.tls().keyStore() != null);
        saslLayer.setListener(sasl);

        connection = Connection.Factory.create();
        connection.setContainer(containerId);
        connection.setHostname(settings.virtualHost() != null ? settings.virtualHost() : endpoint.host());
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        connection.open();
        session = connection.session();
        session.open();
        pump = new ProtonPump(transport, collector, this);
    }

    /** The TLS handler for this attempt, or {@code null} for plain TCP. */
    static io.netty.handler.ssl.SslHandler tlsHandler(ConnectionSettings settings, Endpoint endpoint,
                                                      io.netty.buffer.ByteBufAllocator alloc) {
        if (settings.sslContext() == null) {
            return null;
        }
        // Passing the peer's name sets SNI; the identification algorithm checks the certificate against it.
        io.netty.handler.ssl.SslHandler handler = settings.sslContext().newHandler(alloc, endpoint.host(), endpoint.port());
        if (settings.tls().verifyHost()) {
            javax.net.ssl.SSLParameters params = handler.engine().getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            handler.engine().setSSLParameters(params);
        }
        return handler;
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
