package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.CreditShare;
import io.amqpra.impl.transport.FrameGuard;
import io.amqpra.impl.transport.ProtonEvents;
import io.amqpra.impl.transport.ProtonPump;
import io.amqpra.impl.transport.SaslGate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * One connection a peer opened to a listener. Peers send to addresses that activations serve,
 * and may attach receivers (dynamic ones included) to get replies. Owned by one event loop.
 */
final class ServerConnection implements ProtonEvents {

    private static final AmqpLogger LOG = AmqpLogger.of(ServerConnection.class);
    private static final Symbol NOT_FOUND = Symbol.valueOf("amqp:not-found");
    private static final Symbol LIMIT = Symbol.valueOf("amqp:resource-limit-exceeded");

    /** Where a connection is on its way in; each stage has its own cap. */
    enum Admission { HANDSHAKING, ADMITTED, REFUSED }

    private final Listener listener;
    private final Channel channel;
    private final Connection connection;
    private final ProtonPump pump;
    private final SaslGate gate = new SaslGate();
    private final Outcomes outcomes = new Outcomes(this);
    private final BatchingCompleter completer;
    private final ReplyLinks replies;
    private final PeerLimits limits;
    private final MemoryBudget budget;
    /** The credit its links granted, as the listener's figures count it. Loop thread only. */
    final CreditShare credit;
    private Admission admission = Admission.HANDSHAKING;
    /** Whether reading from the peer waits for the memory budget. */
    private boolean paused;
    private volatile String remoteContainerId;
    private volatile String user;
    private boolean closed;
    /** Why the connection ended, when it was not a clean AMQP close. */
    private String closeError;
    private boolean remoteClosed;

    ServerConnection(Listener listener, Channel channel, ListenerSettings settings) {
        this.listener = listener;
        this.channel = channel;
        this.completer = new BatchingCompleter(listener.loops().completions());
        this.replies = new ReplyLinks(this, channel.eventLoop(), completer);
        this.limits = settings.limits();
        this.budget = listener.budget();
        this.credit = new CreditShare(listener.figures());
        connection = Connection.Factory.create();
        // Frames that break the protocol get the close AMQP names for them (FrameGuard).
        Transport transport = FrameGuard.newTransport(connection);
        transport.setMaxFrameSize(settings.maxFrameSize());
        // Channels are numbered from 0; FrameGuard closes the connection on a begin beyond.
        transport.setChannelMax(limits.maxSessions() - 1);
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutMillis()));
        Sasl sasl = transport.sasl();
        sasl.server();
        // Skipping SASL is anonymous access: allowed only where ANONYMOUS is offered.
        sasl.allowSkip(settings.saslMechanisms().contains("ANONYMOUS"));
        sasl.setMechanisms(settings.saslMechanisms().toArray(new String[0]));
        sasl.setListener(new ServerSasl(this, settings.saslMechanisms(), listener.authenticator(),
                listener.loops().completions()));
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        pump = new ProtonPump(transport, collector, this, listener.figures());
    }

    /** The handlers that read and write for it, in pipeline order. */
    ChannelHandler[] handlers() {
        return new ChannelHandler[] {gate, pump};
    }

    String remoteContainerId() {
        return remoteContainerId;
    }

    String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    /** Any thread: queues a handled message's outcome ({@code null} for none) for the loop. */
    void finishLater(InboundMessage message, DeliveryState outcome) {
        outcomes.add(message, outcome);
    }

    /** Loop thread only. */
    boolean isClosed() {
        return closed;
    }

    String user() {
        return user;
    }

    /** Loop thread: SASL let the peer in as {@code user} ({@code null} for anonymous). */
    void authenticated(String user) {
        this.user = user;
        gate.decided(true);
    }

    /**
     * Loop thread: SASL refused the peer. What it sent behind its login is never read; the socket
     * closes once the outcome is written.
     */
    void refused() {
        closeError = Listener.LOGIN_REFUSED;
        gate.decided(false);
        pump.writeSaslOnly();
        pump.pumpSoon();
        channel.eventLoop().execute(channel::close);
    }

    /** The verified client certificate's subject, or {@code null} without one. */
    String peerCertificateSubject() {
        return ServerSasl.certificateSubject(channel.pipeline().get(SslHandler.class));
    }

    /** Runs a task on this connection's loop and writes out what it produced. */
    void execute(Runnable task) {
        Runnable wrapped = () -> {
            task.run();
            if (!closed) {
                pump.pumpSoon();
            }
            completer.flush();
        };
        if (channel.eventLoop().inEventLoop()) {
            wrapped.run();
        } else {
            channel.eventLoop().execute(wrapped);
        }
    }

    CompletableFuture<Outcome> sendReply(String address, byte[] payload) {
        return replies.send(address, payload);
    }

    /** Ends the connection with an AMQP close carrying {@code error}. */
    void close(ErrorCondition error) {
        execute(() -> {
            if (closed) {
                return;
            }
            connection.setCondition(error);
            connection.close();
            channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
        });
    }

    /** Detaches the links that deliver to {@code activation}, which is going away. */
    void detachLinksOf(EndpointActivation activation) {
        execute(() -> {
            if (closed) {
                return;
            }
            PeerEndpoints.detachAll(connection, activation);
        });
    }

    @Override
    public void onEvent(Event event) {
        Event.Type type = event.getType();
        if ((type == Event.Type.SESSION_REMOTE_OPEN || type == Event.Type.LINK_REMOTE_OPEN
                || type == Event.Type.DELIVERY) && !admitted()) {
            return;
        }
        switch (type) {
            case CONNECTION_REMOTE_OPEN -> onOpen();
            case CONNECTION_REMOTE_CLOSE -> onRemoteClose();
            case TRANSPORT_ERROR -> onTransportError(event.getTransport().getCondition());
            case SESSION_REMOTE_OPEN -> openSession(event.getSession());
            case SESSION_REMOTE_CLOSE -> onEnd(event.getSession());
            case LINK_REMOTE_OPEN -> onAttach(event.getLink());
            case LINK_REMOTE_CLOSE, LINK_REMOTE_DETACH -> onDetach(event.getLink());
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof OutgoingLink out) {
                    out.onFlow();
                }
            }
            case DELIVERY -> onDelivery(event.getDelivery());
            default -> { }
        }
    }

    private void onRemoteClose() {
        remoteClosed = true;
        ErrorCondition error = connection.getRemoteCondition();
        if (error != null && error.getCondition() != null) {
            closeError = error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
        }
        connection.close();
    }

    private void onTransportError(ErrorCondition error) {
        if (closeError == null && error != null && error.getCondition() != null && !remoteClosed) {
            closeError = error.getCondition() + " " + error.getDescription();
        }
    }

    /**
     * Whether what the peer asks for is still served: not once the connection was refused or is
     * closing, though the peer may have sent more behind its open (sessions, links, transfers).
     */
    private boolean admitted() {
        return admission == Admission.ADMITTED && connection.getLocalState() != EndpointState.CLOSED;
    }

    private void onOpen() {
        remoteContainerId = connection.getRemoteContainer();
        connection.setContainer(listener.containerId()); // here, not before: known once the socket is bound
        if (!listener.admit(this)) {
            admission = Admission.REFUSED;
            connection.open();
            close(new ErrorCondition(LIMIT, "the listener on " + listener.where() + " already has "
                    + limits.maxConnections() + " connections (maxConnections)"));
            return;
        }
        admission = Admission.ADMITTED;
        connection.open();
        listener.peerOpened(this);
    }

    private void openSession(Session session) {
        if (session.getLocalState() != EndpointState.UNINITIALIZED) {
            return;
        }
        session.open();
    }

    private void onAttach(Link link) {
        if (link.getLocalState() != EndpointState.UNINITIALIZED) {
            return;
        }
        if (PeerEndpoints.attachedByPeer(connection) > 2 * limits.maxLinks()) {
            // Refused links it never detaches would pile up in the engine.
            close(new ErrorCondition(LIMIT, "more than " + limits.maxLinks() + " links at once on one connection"
                    + " (maxLinksPerConnection), and refused links not detached"));
            return;
        }
        if (PeerEndpoints.links(connection) >= limits.maxLinks()) {
            PeerEndpoints.refuse(link, LIMIT, "more than " + limits.maxLinks()
                    + " links at once on one connection (maxLinksPerConnection)");
            return;
        }
        if (link instanceof Receiver receiver) {
            attachIncoming(receiver);
        } else {
            replies.attach((Sender) link);
        }
    }

    private void attachIncoming(Receiver receiver) {
        Target target = (Target) receiver.getRemoteTarget();
        String address = target == null ? null : target.getAddress();
        EndpointActivation activation = listener.route(address);
        if (activation == null) {
            PeerEndpoints.refuse(receiver, NOT_FOUND, address == null
                    ? "a target address is required" : "no endpoint serves address '" + address + "'");
            return;
        }
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(target);
        new InboundLink(this, receiver, activation, address).open();
    }

    /** The peer ended a session: its links end with it, though the engine tells of none of them. */
    private void onEnd(Session session) {
        PeerEndpoints.eachOf(session, this::linkEnded);
        session.close();
        session.free(); // ended on both sides: the engine lets go of it and its links
    }

    private void linkEnded(Link link) {
        if (link.getContext() instanceof OutgoingLink out) {
            replies.detached(out);
        } else if (link.getContext() instanceof InboundLink in) {
            in.ended();
        }
    }

    private void onDetach(Link link) {
        linkEnded(link);
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
        link.free(); // detached on both sides: the engine lets go of it
    }

    private void onDelivery(Delivery delivery) {
        Object context = delivery.getLink().getContext();
        if (context instanceof InboundLink in) {
            InboundMessage message;
            try {
                message = in.read(delivery);
            } catch (InboundLink.Violation v) {
                LOG.debugf("Detaching a link from %s: %s", remoteAddress(), v.getMessage());
                in.receiver.setCondition(new ErrorCondition(Symbol.valueOf(v.condition), v.getMessage()));
                in.receiver.close();
                return;
            }
            if (!budget.mayRead() && !paused) {
                paused = true;
                pump.pauseInput();
                budget.await(this);
            }
            if (message != null) {
                in.activation.dispatch(message);
            }
        } else if (context instanceof OutgoingLink out) {
            out.onDelivery(delivery);
        } else if (delivery.getLink() instanceof Receiver refused) {
            PeerEndpoints.discard(refused, delivery); // a refused link never had credit: nothing is kept
        }
    }

    /** Any thread (a test's view): the links the engine holds, closed ones not yet let go included. */
    int linksHeld() {
        return PeerEndpoints.all(connection);
    }

    MemoryBudget budget() {
        return budget;
    }

    /** Any thread: the memory budget has room again; read, and give links their credit. */
    void budgetFreed() {
        execute(() -> {
            if (closed) {
                return;
            }
            if (!budget.hasRoom()) {
                budget.await(this);
                return;
            }
            if (paused) {
                paused = false;
                pump.resumeInput();
            }
            PeerEndpoints.eachInbound(connection, true, InboundLink::grantOwed);
        });
    }

    @Override
    public void afterEvents() {
        completer.flush();
    }

    @Override
    public void onDisconnected(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        replies.closeAll(lost());
        PeerEndpoints.eachInbound(connection, false, InboundLink::dropPartial);
        credit.end();
        completer.flush();
        if (closeError == null && !remoteClosed) {
            closeError = cause != null ? String.valueOf(cause.getMessage())
                    : "the connection ended without an AMQP close";
        }
        listener.removed(this, admission, closeError);
        LOG.debugf("Peer connection %s from %s closed", remoteContainerId, remoteAddress());
    }

    AmqpException lost() {
        return MESSAGES.peerConnectionClosed(remoteAddress(), null);
    }
}
