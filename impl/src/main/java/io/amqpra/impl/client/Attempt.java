package io.amqpra.impl.client;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.link.Completer;
import io.amqpra.impl.link.Coordinator;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.link.IncomingLink;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.transport.ProtonEvents;
import io.amqpra.impl.transport.ProtonPump;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * One attempt to connect: a fresh socket, transport, engine connection and session, and the
 * links attached on them, one per address and direction; never reused once it failed. Handles
 * the engine's link events itself and reports the connection's to its {@link AmqpClientConnection}.
 * Events of an attempt that is no longer the current one are dropped. Loop thread only.
 */
final class Attempt implements ProtonEvents {

    final Endpoint endpoint;
    /** The redirect this attempt follows, or {@code null}. */
    final Redirect via;
    private final AmqpClientConnection owner;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final SslContext sslContext;
    private final Completer completer;
    private final Connection connection;
    private final Session session;
    private final SaslClient sasl;
    private final ProtonPump pump;
    private final Senders senders;
    private final Map<String, IncomingLink> receivers = new HashMap<>();
    private final Map<IncomingLink, Subscription> consumers = new HashMap<>();
    private Coordinator coordinator;
    private Channel channel;
    /** The latest condition of the peer or the transport, for the report of the loss. */
    private ErrorCondition transportError;
    private boolean opened;

    Attempt(AmqpClientConnection owner, EventLoop loop, Endpoint endpoint, Redirect via, ClientConfig config,
            String containerId, Completer completer) {
        this.owner = owner;
        this.loop = loop;
        this.endpoint = endpoint;
        this.via = via;
        this.settings = config.settings();
        this.sslContext = config.sslContext();
        this.completer = completer;
        Transport transport = Transport.Factory.create();
        transport.setMaxFrameSize(settings.transport().maxFrameSize());
        transport.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.transport().idleTimeoutMillis()));
        sasl = SaslClient.on(transport, settings);

        connection = Connection.Factory.create();
        connection.setContainer(containerId);
        connection.setHostname(Redirect.openHostname(via, settings.transport().virtualHost(), endpoint));
        Collector collector = Collector.Factory.create();
        connection.collect(collector);
        transport.bind(connection);
        connection.open();
        session = connection.session();
        session.open();
        senders = new Senders(settings.limits().maxSenderLinks(), this::attachSender);
        pump = new ProtonPump(transport, collector, this, config.figures());
    }

    // ---------------------------------------------------------------- socket

    /**
     * Resolves the host on {@code resolver}, never on the loop (a slow DNS server would stall every
     * connection on it), then opens the socket. A name that does not resolve, a socket that can't
     * be opened, or a peer that accepts it but does not answer our open and begin within
     * {@code connectTimeout}, fails the attempt.
     */
    void connect(Executor resolver) {
        loop.schedule(this::failUnlessOpened, settings.transport().connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        Dialer.resolve(endpoint, resolver, loop, this::open,
                e -> owner.attemptFailed(this, ClientFailures.couldNotConnect(endpoint, e)));
    }

    private void open(InetSocketAddress address) {
        if (!owner.isCurrent(this)) {
            return; // closed or given up while the name was being resolved
        }
        ChannelFuture connecting = Dialer.connect(loop, address, endpoint, settings, sslContext, pump);
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                owner.attemptFailed(this, ClientFailures.couldNotConnect(endpoint, f.cause()));
            }
        });
    }

    /** A peer that accepts TCP but never sets up AMQP counts as a failed attempt. */
    private void failUnlessOpened() {
        if (owner.isCurrent(this) && !opened) {
            closeSocket();
            owner.attemptFailed(this, ClientFailures.noOpen(endpoint, settings.transport().connectTimeoutMillis(),
                    connection.getRemoteState() != EndpointState.UNINITIALIZED));
        }
    }

    /** Writes what the engine produced after a task of the owner's. */
    void write() {
        // With more tasks queued, one pump after them all writes everything at once; with none
        // (a lone, blocking send), writing now saves the caller a task's delay.
        if (loop instanceof SingleThreadEventExecutor single && single.pendingTasks() == 0) {
            pump.pump();
        } else {
            pump.pumpSoon();
        }
    }

    /** Closes the socket at once, without (another) AMQP close. */
    void closeSocket() {
        if (channel != null) {
            channel.close();
        }
    }

    // ---------------------------------------------------------------- AMQP connection

    boolean isOpen() {
        return opened;
    }

    /** The attempt is set up and the connection took it as its open one. */
    void markOpen() {
        opened = true;
    }

    String remoteContainer() {
        return connection.getRemoteContainer();
    }

    Map<Symbol, Object> remoteProperties() {
        return connection.getRemoteProperties();
    }

    /** Sends our close; the socket ends when the peer answered, or after {@code graceSeconds}. */
    void close(long graceSeconds) {
        connection.close();
        loop.schedule(() -> channel.close(), graceSeconds, TimeUnit.SECONDS);
    }

    /** The peer closed with {@code error}: answers with our close, then ends the socket. */
    void closeAfterPeer(ErrorCondition error) {
        transportError = error;
        if (connection.getLocalState() != EndpointState.CLOSED) {
            connection.close();
        }
        // The pump writes our close; the socket then ends and the owner hears why.
        loop.execute(channel::close);
    }

    /** The peer ended our session with {@code error}: ends this attempt; the loss follows. */
    void closeAfterSession(ErrorCondition error) {
        transportError = error;
        connection.close();
    }

    /** Why the socket ended, from the transport's {@code cause} and what the engine knows. */
    AmqpException lossCause(Throwable cause) {
        ErrorCondition local = connection.getCondition();
        return ClientFailures.ended(endpoint, cause, sasl.failure(), sasl.temporaryFailure(),
                local == null || local.getCondition() == null ? null : local, transportError,
                settings.transport().idleTimeoutMillis());
    }

    // ---------------------------------------------------------------- links

    /** The sender link to {@code address}, attached on first use (see {@link Senders}). */
    OutgoingLink sender(String address) {
        return senders.sender(address);
    }

    /** The receiver link from {@code address}, attached on first use. */
    IncomingLink receiver(String address) {
        return receivers.computeIfAbsent(address, this::attachReceiver);
    }

    private OutgoingLink attachSender(String address) {
        return new OutgoingLink(Links.sender(session, address), completer);
    }

    private IncomingLink attachReceiver(String address) {
        return new IncomingLink(Links.receiver(session, address));
    }

    /** The link to the peer's transaction coordinator, attached on first use. */
    Coordinator coordinator() {
        if (coordinator == null) {
            coordinator = new Coordinator(Links.coordinator(session));
        }
        return coordinator;
    }

    /** Attaches a consumer's link, which pushes its messages to the consumer's handler. */
    IncomingLink attachConsumer(Subscription s) {
        IncomingLink link = IncomingLink.pushing(Links.consumer(session, s.spec()), s.spec().window(), s.handler);
        consumers.put(link, s);
        return link;
    }

    /** A send timed out: its link, if any, forgets it. */
    void forget(PendingSend send) {
        senders.forget(send);
    }

    /** A receive gave up waiting. */
    void abandon(String address, CompletableFuture<IncomingDelivery> waiter) {
        IncomingLink link = receivers.get(address);
        if (link != null) {
            link.abandon(waiter);
        }
    }

    /** Releases what the receivers hold and detaches them. */
    void releaseReceivers() {
        receivers.values().forEach(IncomingLink::releaseAndClose);
        receivers.clear();
    }

    /**
     * This attempt is lost: its sends go to {@code into} (see {@link OutgoingLink#drainInto}), the
     * receives still waiting to {@code waiting}, by address; the links are forgotten.
     */
    void drainLinks(List<PendingSend> into, boolean resend, AmqpException unknownOutcome,
                    BiConsumer<String, List<CompletableFuture<IncomingDelivery>>> waiting) {
        AmqpException cause = unknownOutcome.getCause() instanceof AmqpException a ? a : unknownOutcome;
        AmqpException transactionLost = MESSAGES.transactionLost(endpoint, cause.getMessage(), cause);
        for (OutgoingLink link : senders.values()) {
            link.drainInto(into, resend, unknownOutcome, transactionLost);
        }
        failCoordinator(cause);
        senders.clear();
        for (Map.Entry<String, IncomingLink> e : receivers.entrySet()) {
            List<CompletableFuture<IncomingDelivery>> waiters = e.getValue().drainWaiters();
            if (!waiters.isEmpty()) {
                waiting.accept(e.getKey(), waiters);
            }
        }
        receivers.clear();
        consumers.keySet().forEach(link -> link.failAll(unknownOutcome));
        consumers.clear();
    }

    /** Every send and receive on the links fails with {@code cause}; the links are forgotten. */
    void failLinks(AmqpException cause) {
        failCoordinator(cause);
        senders.values().forEach(link -> link.failAll(cause));
        senders.clear();
        receivers.values().forEach(link -> link.failAll(cause));
        receivers.clear();
        consumers.keySet().forEach(link -> link.failAll(cause));
        consumers.clear();
    }

    private void failCoordinator(AmqpException cause) {
        if (coordinator != null) {
            coordinator.failAll(cause);
            coordinator = null;
        }
    }

    private void onLinkClosed(Link link, boolean closed) {
        ErrorCondition error = link.getRemoteCondition();
        if (link.getContext() instanceof Coordinator c) {
            if (c == coordinator) {
                coordinator = null; // the next transaction attaches a new one
            }
            c.failAll(ClientFailures.coordinatorEnded(endpoint, link.getRemoteTarget() != null, error));
        } else if (link.getContext() instanceof OutgoingLink out) {
            String address = ((Target) link.getTarget()).getAddress();
            senders.remove(address, out);
            out.failAll(ClientFailures.senderEnded(endpoint, address, error));
        } else if (link.getContext() instanceof IncomingLink in) {
            String address = ((Source) link.getSource()).getAddress();
            receivers.remove(address, in);
            in.failAll(ClientFailures.receiverEnded(endpoint, address, error));
            Subscription s = consumers.remove(in);
            if (s != null) {
                owner.subscriptions().ended(s, in, error);
                if (!closed && link.getLocalState() != EndpointState.CLOSED) {
                    link.detach(); // answer a detach in kind: a durable subscription stays on the broker
                }
            }
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
        if (link.getContext() instanceof OutgoingLink) {
            link.free(); // closed both ways and its sends ended: the engine forgets it too
        }
    }

    // ---------------------------------------------------------------- engine events

    @Override
    public void onEvent(Event event) {
        if (event.getType() == Event.Type.TRANSPORT_ERROR) {
            transportError = event.getTransport().getCondition();
        }
        if (!owner.isCurrent(this)) {
            return;
        }
        switch (event.getType()) {
            // Set up once the peer answered our begin too: a peer that refuses us opens and closes.
            case SESSION_REMOTE_OPEN -> owner.remoteOpened(this);
            case CONNECTION_REMOTE_CLOSE -> owner.remoteClosed(this, event.getConnection().getRemoteCondition());
            case SESSION_REMOTE_CLOSE -> owner.sessionClosed(this, event.getSession().getRemoteCondition());
            case LINK_REMOTE_CLOSE -> onLinkClosed(event.getLink(), true);
            case LINK_REMOTE_DETACH -> onLinkClosed(event.getLink(), false);
            case LINK_REMOTE_OPEN -> {
                Subscription s = consumers.get(event.getLink().getContext());
                if (s != null && event.getLink().getRemoteSource() != null) {
                    owner.subscriptions().attached(s);
                }
            }
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof OutgoingLink link) {
                    link.onFlow();
                } else if (event.getLink().getContext() instanceof Coordinator c) {
                    c.onFlow();
                }
            }
            case DELIVERY -> onDelivery(event.getDelivery());
            default -> { }
        }
    }

    private void onDelivery(Delivery delivery) {
        Object context = delivery.getLink().getContext();
        if (context instanceof OutgoingLink out) {
            out.onDelivery(delivery);
            senders.ended(out);
        } else if (context instanceof Coordinator c) {
            c.onDelivery(delivery);
        } else if (context instanceof IncomingLink in) {
            in.onDelivery(delivery);
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
