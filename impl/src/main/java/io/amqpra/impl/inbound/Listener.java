package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpAuthenticator;
import io.amqpra.api.event.ListenerStarted;
import io.amqpra.api.event.ListenerStopped;
import io.amqpra.api.event.PeerConnectionClosed;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.status.Figure;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.stats.StatusBoard;
import io.amqpra.impl.transport.EventLoops;
import io.amqpra.impl.transport.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * A listening socket and the peer connections it accepted. Several activations may share it,
 * each serving its own addresses; a peer's link goes to the first activation that serves its
 * target address.
 */
final class Listener {

    private static final AmqpLogger LOG = AmqpLogger.of(Listener.class);
    /** Why a connection whose login was refused ended. */
    static final String LOGIN_REFUSED = "login refused";
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final ListenerSettings settings;
    private final EventLoops loops;
    private final List<EndpointActivation> activations = new CopyOnWriteArrayList<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Connections in their handshake, and past their AMQP open: each with its own cap. */
    private final AtomicInteger handshaking = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();
    private final MemoryBudget budget;
    private final Figures figures;
    private StatusBoard.Registration onBoard;
    private final AmqpAuthenticator authenticator;
    private final SslContext tls;
    private Channel server;
    private volatile String containerId;

    Listener(ListenerSettings settings, EventLoops loops, AmqpAuthenticator authenticator, Figures figures)
            throws InvalidPropertyException {
        this.settings = settings;
        this.figures = figures;
        this.loops = loops;
        this.authenticator = authenticator;
        this.tls = settings.tls() == null ? null : TlsContexts.server(settings.tls(), settings.clientAuth());
        // Made before the socket accepts anyone: a peer may connect the moment it is bound.
        this.budget = new MemoryBudget(settings.limits().maxBufferedBytes(), this::where);
    }

    AmqpAuthenticator authenticator() {
        return authenticator;
    }

    /** Binds the socket, and shows it on {@code board}; fails with the reason when the address or port can't be had. */
    void bind(StatusBoard board) throws Exception {
        server = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                })
                .bind(settings.host(), settings.port()).sync().channel();
        containerId = settings.containerId() != null ? settings.containerId()
                : "amqp-ra-listener-" + settings.host() + ":" + port();
        onBoard = board.add(where(), figures, () -> server.isActive() ? null : "not listening");
        if (tls == null) {
            LOG.listening(where(), settings.saslMechanisms());
        } else {
            LOG.listening(where(), settings.clientAuth(), settings.saslMechanisms());
        }
    }

    private void accept(SocketChannel ch) {
        if (handshaking.incrementAndGet() > settings.limits().maxUnauthenticated()) {
            handshaking.decrementAndGet();
            figures.increment(Figure.PEERS_REFUSED_LIMIT);
            LOG.handshakesAtMax(ch.remoteAddress(), where(), settings.limits().maxUnauthenticated());
            ch.close();
            return;
        }
        ServerConnection connection;
        try {
            connection = new ServerConnection(this, ch, settings);
            if (tls != null) {
                ch.pipeline().addLast(tls.newHandler(ch.alloc())); // a plaintext peer fails its handshake
            }
            ch.pipeline().addLast(connection.handlers());
        } catch (RuntimeException e) {
            handshaking.decrementAndGet(); // it never got as far as counting itself out
            ch.close();
            throw e;
        }
        connections.add(connection);
        // A peer that connects and stays silent (or stalls in SASL) is dropped.
        ch.eventLoop().schedule(() -> {
            if (connection.remoteContainerId() == null && ch.isActive()) {
                LOG.debugf("Dropped %s: no AMQP open within %d ms (handshakeTimeout)", ch.remoteAddress(),
                        settings.handshakeTimeoutMillis());
                ch.close();
            }
        }, settings.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A peer's AMQP open arrived: its handshake is over. Returns whether it may stay, which it
     * may not when {@code maxConnections} peers are in already.
     */
    boolean admit(ServerConnection connection) {
        handshaking.decrementAndGet();
        if (admitted.incrementAndGet() > settings.limits().maxConnections()) {
            admitted.decrementAndGet();
            figures.increment(Figure.PEERS_REFUSED_LIMIT);
            LOG.connectionRefusedAtMax(connection.remoteAddress(), where(), settings.limits().maxConnections());
            return false;
        }
        figures.increment(Figure.PEERS_ACCEPTED);
        figures.increment(Figure.PEERS_OPEN);
        return true;
    }

    /** {@code admission}: where the connection was when it ended. */
    void removed(ServerConnection connection, ServerConnection.Admission admission, String error) {
        connections.remove(connection);
        switch (admission) {
            case HANDSHAKING -> {
                handshaking.decrementAndGet();
                if (error != null) { // never got in: a refused login, else TLS, the protocol or silence
                    figures.increment(LOGIN_REFUSED.equals(error) ? Figure.PEERS_REFUSED_LOGIN : Figure.PEERS_REFUSED_PROTOCOL);
                }
            }
            case ADMITTED -> {
                admitted.decrementAndGet();
                figures.decrement(Figure.PEERS_OPEN);
            }
            case REFUSED -> { }
        }
        if (admission != ServerConnection.Admission.ADMITTED) {
            return; // never let in: nobody was told it exists
        }
        Instant now = Instant.now();
        for (EndpointActivation a : activations) {
            a.events().fire(new PeerConnectionClosed(now, a.endpointClass(), a.settings().addresses().toString(),
                    port(), connection.remoteAddress(), connection.remoteContainerId(), error));
        }
    }

    /** The links its peer connections hold in their engines, closed ones not yet let go included. */
    int linksHeld() {
        return connections.stream().mapToInt(ServerConnection::linksHeld).sum();
    }

    MemoryBudget budget() {
        return budget;
    }

    Figures figures() {
        return figures;
    }

    EventLoops loops() {
        return loops;
    }

    String containerId() {
        return containerId;
    }

    /** The port actually bound: the ephemeral one when {@code port} was 0. */
    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String where() {
        String host = settings.host().indexOf(':') >= 0 ? "[" + settings.host() + "]" : settings.host();
        return host + ":" + port();
    }

    EndpointActivation route(String address) {
        for (EndpointActivation a : activations) {
            if (a.serves(address)) {
                return a;
            }
        }
        return null;
    }

    /** The settings it was bound with: those of its first activation. */
    ListenerSettings settings() {
        return settings;
    }

    List<EndpointActivation> activations() {
        return activations;
    }

    void add(EndpointActivation activation) {
        activations.add(activation);
        activation.events().fire(new ListenerStarted(Instant.now(), activation.endpointClass(),
                activation.settings().addresses().toString(), settings.host(), port()));
    }

    /** A peer's AMQP open arrived: every activation on this listener hears of it. */
    void peerOpened(ServerConnection c) {
        Instant now = Instant.now();
        for (EndpointActivation a : activations) {
            a.events().fire(new PeerConnectionOpened(now, a.endpointClass(), a.settings().addresses().toString(),
                    port(), c.remoteAddress(), c.remoteContainerId(), c.user()));
        }
    }

    /** Takes an activation off; returns true when no activation is left. */
    boolean remove(EndpointActivation activation) {
        activations.remove(activation);
        activation.stop();
        activation.events().fire(new ListenerStopped(Instant.now(), activation.endpointClass(),
                activation.settings().addresses().toString(), settings.host(), port()));
        connections.forEach(c -> c.detachLinksOf(activation));
        return activations.isEmpty();
    }

    /**
     * Stops accepting, closes every peer connection with an AMQP close, and releases the port
     * before returning, so that a redeployed endpoint can bind it at once.
     */
    void close() {
        server.close().syncUninterruptibly();
        ErrorCondition error = new ErrorCondition(Symbol.valueOf("amqp:connection:forced"),
                "the listener on " + where() + " was stopped");
        connections.forEach(c -> c.close(error));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
        while (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (onBoard != null) {
            onBoard.close();
        }
        LOG.stoppedListening(where());
    }
}
