package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.link.SendTimeouts;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.transport.FrameGuard;
import io.amqpra.impl.transport.ProtonEvents;
import io.amqpra.impl.transport.ProtonPump;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
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
    private static final long REPLY_TIMEOUT_MILLIS = 30_000;
    private static final Symbol NOT_FOUND = Symbol.valueOf("amqp:not-found");

    private final Listener listener;
    private final Channel channel;
    private final Connection connection;
    private final ProtonPump pump;
    private final BatchingCompleter completer;
    private final SendTimeouts timeouts;
    private final Map<String, OutgoingLink> replyLinks = new HashMap<>();
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
        this.timeouts = new SendTimeouts(channel.eventLoop(), this::replyTimedOut);
        connection = Connection.Factory.create();
        // Frames that break the protocol get the close AMQP names for them (FrameGuard).
        Transport transport = FrameGuard.newTransport(connection);
        transport.setMaxFrameSize(settings.maxFrameSize());
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutMillis()));
        Sasl sasl = transport.sasl();
        sasl.server();
        // Skipping SASL is anonymous access: allowed only where ANONYMOUS is offered.
        sasl.allowSkip(settings.saslMechanisms().contains("ANONYMOUS"));
        sasl.setMechanisms(settings.saslMechanisms().toArray(new String[0]));
        sasl.setListener(new ServerSasl(this, settings.saslMechanisms(), listener.authenticator(),
                listener.loops().completions()));
        connection.setContainer(listener.containerId());
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        pump = new ProtonPump(transport, collector, this);
    }

    ProtonPump pump() {
        return pump;
    }

    String remoteContainerId() {
        return remoteContainerId;
    }

    String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    private final Queue<Object[]> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean finishScheduled = new AtomicBoolean();

    /**
     * Queues a handled message's outcome for the loop. Outcomes that pile up while the loop is busy
     * go out together in one task, one write.
     */
    void finishLater(InboundMessage message, DeliveryState outcome) {
        finished.add(new Object[] {message, outcome});
        if (finishScheduled.compareAndSet(false, true)) {
            execute(() -> {
                finishScheduled.set(false);
                Object[] next;
                while ((next = finished.poll()) != null) {
                    InboundMessage m = (InboundMessage) next[0];
                    if (!closed) {
                        m.link.finish(m.delivery, (DeliveryState) next[1]);
                    }
                }
            });
        }
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
    }

    /** The verified client certificate's subject, or {@code null} without one. */
    String peerCertificateSubject() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            return tls.engine().getSession().getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Closes the socket once what is pending (a SASL outcome) is written. */
    void closeAfterWrite() {
        pump.pumpSoon();
        channel.eventLoop().execute(channel::close);
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
        PendingSend send = new PendingSend(address, payload,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MILLIS), false);
        execute(() -> {
            if (closed) {
                send.fail(lost(), completer);
                return;
            }
            OutgoingLink link = replyLinks.get(address);
            if (link == null) {
                send.fail(MESSAGES.noReplyLink(address), completer);
                return;
            }
            link.offer(send);
            timeouts.track(send);
        });
        return send.future;
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
            for (Link link = connection.linkHead(null, null); link != null; link = link.next(null, null)) {
                if (link.getContext() instanceof InboundLink in && in.activation == activation
                        && link.getLocalState() == EndpointState.ACTIVE) {
                    link.setCondition(new ErrorCondition(Symbol.valueOf("amqp:link:detach-forced"),
                            "the endpoint serving '" + in.address + "' was stopped"));
                    link.close();
                }
            }
        });
    }

    @Override
    public void onEvent(Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> {
                remoteContainerId = connection.getRemoteContainer();
                connection.open();
                listener.peerOpened(this);
            }
            case CONNECTION_REMOTE_CLOSE -> {
                remoteClosed = true;
                ErrorCondition error = connection.getRemoteCondition();
                if (error != null && error.getCondition() != null) {
                    closeError = error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
                }
                connection.close();
            }
            case TRANSPORT_ERROR -> {
                ErrorCondition error = event.getTransport().getCondition();
                if (closeError == null && error != null && error.getCondition() != null && !remoteClosed) {
                    closeError = error.getCondition() + " " + error.getDescription();
                }
            }
            case SESSION_REMOTE_OPEN -> openSession(event.getSession());
            case SESSION_REMOTE_CLOSE -> event.getSession().close();
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

    private static void openSession(Session session) {
        if (session.getLocalState() == EndpointState.UNINITIALIZED) {
            session.open();
        }
    }

    private void onAttach(Link link) {
        if (link.getLocalState() != EndpointState.UNINITIALIZED) {
            return;
        }
        if (link instanceof Receiver receiver) {
            attachIncoming(receiver);
        } else {
            attachReplyLink((Sender) link);
        }
    }

    private void attachIncoming(Receiver receiver) {
        Target target = (Target) receiver.getRemoteTarget();
        String address = target == null ? null : target.getAddress();
        EndpointActivation activation = listener.route(address);
        receiver.setSource(receiver.getRemoteSource());
        if (activation == null) {
            // Refuse per AMQP 1.0 section 2.6.3: attach without a target, then detach with the reason.
            receiver.setTarget(null);
            receiver.open();
            receiver.setCondition(new ErrorCondition(NOT_FOUND, address == null
                    ? "a target address is required" : "no endpoint serves address '" + address + "'"));
            receiver.close();
            return;
        }
        receiver.setTarget(target);
        new InboundLink(receiver, activation, address).open();
    }

    private void attachReplyLink(Sender sender) {
        Source remote = (Source) sender.getRemoteSource();
        Source source = new Source();
        String address;
        if (remote != null && remote.getDynamic()) {
            address = "amqp-ra-reply-" + UUID.randomUUID();
            source.setDynamic(true);
        } else {
            address = remote == null ? null : remote.getAddress();
        }
        source.setAddress(address);
        sender.setSource(source);
        sender.setTarget(sender.getRemoteTarget());
        sender.open();
        replyLinks.put(address, new OutgoingLink(sender, completer));
    }

    private void onDetach(Link link) {
        if (link.getContext() instanceof OutgoingLink out) {
            replyLinks.values().remove(out);
            out.failAll(MESSAGES.replyLinkDetached());
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    private void onDelivery(Delivery delivery) {
        Object context = delivery.getLink().getContext();
        if (context instanceof InboundLink in) {
            InboundMessage message;
            try {
                message = in.read(this, delivery);
            } catch (InboundLink.Violation v) {
                LOG.debugf("Detaching a link from %s: %s", remoteAddress(), v.getMessage());
                in.receiver.setCondition(new ErrorCondition(Symbol.valueOf(v.condition), v.getMessage()));
                in.receiver.close();
                return;
            }
            if (message != null) {
                in.activation.dispatch(message);
            }
        } else if (context instanceof OutgoingLink out) {
            out.onDelivery(delivery);
        }
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
        AmqpException lost = lost();
        replyLinks.values().forEach(link -> link.failAll(lost));
        replyLinks.clear();
        timeouts.clear();
        completer.flush();
        if (closeError == null && !remoteClosed) {
            closeError = cause != null ? String.valueOf(cause.getMessage())
                    : "the connection ended without an AMQP close";
        }
        listener.removed(this, closeError);
        LOG.debugf("Peer connection %s from %s closed", remoteContainerId, remoteAddress());
    }

    private AmqpException lost() {
        return MESSAGES.peerConnectionClosed(remoteAddress(), null);
    }

    private void replyTimedOut(PendingSend send) {
        OutgoingLink link = replyLinks.get(send.address);
        if (link != null) {
            link.forget(send);
        }
        send.fail(MESSAGES.replyTimedOut(send.address, REPLY_TIMEOUT_MILLIS), completer);
        completer.flush();
    }

}
