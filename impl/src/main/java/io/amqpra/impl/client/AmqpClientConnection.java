package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionDetails;
import io.amqpra.api.ConnectionDetailsProvider;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.Outcome;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.ReconnectPolicy;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.link.IncomingLink;
import io.amqpra.impl.link.OutcomeWait;
import io.amqpra.impl.link.OutgoingLink;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.link.SendTimeouts;
import io.amqpra.impl.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.ReceiverSettleMode;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.jboss.logging.Logger;

/**
 * One logical AMQP connection to a peer, owned by one event-loop thread, that survives the loss
 * of its transport: with reconnect on, it tries again with backoff, possibly on another endpoint,
 * and replays what was waiting. Each attempt is a fresh {@link Attempt}. Public methods may be
 * called from any thread: they hand their work to the loop and return futures.
 *
 * <p>Sends issued while reconnecting wait in a backlog; sends whose outcome was lost with the
 * connection are resent ({@code resendOnReconnect}) or failed. Either way a send completes with
 * the peer's outcome or fails once {@code sendTimeout} passed: nothing is dropped silently.
 */
public final class AmqpClientConnection {

    private static final Logger LOG = Logger.getLogger(AmqpClientConnection.class);
    private static final AtomicLong LINK_IDS = new AtomicLong();
    private static final int WARN_EVERY = 10;
    private static final Symbol REDIRECT = Symbol.valueOf("amqp:connection:redirect");
    private static final Symbol UNAUTHORIZED = Symbol.valueOf("amqp:unauthorized-access");

    private enum State { CONNECTING, OPEN, RECONNECTING, CLOSING, CLOSED }

    private final ConnectionSettings settings;
    private final ReconnectPolicy policy;
    private final ConnectionDetailsProvider provider;
    private final EventLoop loop;
    private final OutcomeWait outcomeWait = new OutcomeWait();
    private final ConnectionListener listener;
    private final BatchingCompleter completer;
    private final SendTimeouts timeouts;
    private final CompletableFuture<AmqpClientConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final String containerId;

    // Loop-thread state.
    private final Map<String, OutgoingLink> senders = new HashMap<>();
    private final Map<String, IncomingLink> receivers = new HashMap<>();
    private final ArrayDeque<PendingSend> backlog = new ArrayDeque<>();
    private final Map<String, List<CompletableFuture<IncomingDelivery>>> waitingReceives = new LinkedHashMap<>();
    private Attempt current;
    private Endpoint lastOpenEndpoint;
    private Endpoint redirect;
    /** Endpoints the peer announced in its open frame ({@code failover-server-list}). */
    private List<Endpoint> announced = List.of();
    private int failedAttempts;
    private long startupDeadlineNanos;
    private volatile State state = State.CONNECTING;
    private volatile String remoteContainerId;
    private volatile AmqpException failure;
    /** Set by receive(), cleared when receivers are released. */
    private volatile boolean receiving;

    private AmqpClientConnection(ConnectionSettings settings, EventLoops loops, ConnectionListener listener,
                                 ConnectionDetailsProvider provider) {
        this.settings = settings;
        this.policy = settings.reconnect();
        this.provider = provider;
        this.loop = loops.group().next();
        this.listener = listener;
        this.completer = new BatchingCompleter(loops.completions());
        this.timeouts = new SendTimeouts(loop, this::timedOut);
        this.containerId = settings.containerId() != null ? settings.containerId()
                : "amqp-ra-" + UUID.randomUUID();
    }

    /**
     * Connects and opens an AMQP connection, retrying as the reconnect policy allows for the
     * first connection. The future completes once a peer's open frame arrived, or fails when
     * {@code connectTimeout} passed or the attempts are used up.
     */
    public static CompletableFuture<AmqpClientConnection> connect(ConnectionSettings settings, EventLoops loops,
                                                                  ConnectionListener listener,
                                                                  ConnectionDetailsProvider provider) {
        AmqpClientConnection c = new AmqpClientConnection(settings, loops, listener, provider);
        c.loop.execute(c::start);
        return c.opened;
    }

    public String containerId() {
        return containerId;
    }

    /** The peer's container id from its open frame, once open. */
    public String remoteContainerId() {
        return remoteContainerId;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Open, or lost and reconnecting: worth keeping in a pool. */
    public boolean isUsable() {
        return state == State.OPEN || state == State.RECONNECTING;
    }

    boolean isCurrent(Attempt attempt) {
        return attempt == current;
    }

    private void start() {
        startupDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMillis());
        loop.schedule(() -> {
            if (state == State.CONNECTING) {
                AmqpException last = failure;
                giveUp(new ConnectionLostException("AMQPRA0012: No connection to " + settings.endpoint()
                        + " within " + settings.connectTimeoutMillis() + " ms (connectTimeout)"
                        + (last == null ? "" : "; last error: " + last.getMessage()), last));
            }
        }, settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        startAttempt(firstEndpoint());
    }

    private Endpoint firstEndpoint() {
        if (provider != null) {
            Endpoint e = ask(1, settings.endpoint());
            if (e != null) {
                return e;
            }
        }
        return settings.endpoint();
    }

    private void startAttempt(Endpoint endpoint) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        Attempt attempt = new Attempt(this, endpoint, settings, containerId);
        current = attempt;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(EventLoops.socketChannel(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        io.netty.handler.ssl.SslHandler tls = Attempt.tlsHandler(settings, endpoint, ch.alloc());
                        if (tls != null) {
                            ch.pipeline().addLast(tls);
                        }
                        ch.pipeline().addLast(attempt.pump);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(endpoint.host(), endpoint.port());
        attempt.channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                attemptFailed(attempt, new ConnectionLostException("AMQPRA0011: Could not connect to " + endpoint
                        + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        // A peer that accepts TCP but never opens AMQP counts as a failed attempt.
        loop.schedule(() -> {
            if (attempt == current && !attempt.opened) {
                attempt.channel.close();
                attemptFailed(attempt, new ConnectionLostException("AMQPRA0022: No AMQP open from " + endpoint
                        + " within " + settings.connectTimeoutMillis() + " ms (connectTimeout)", (String) null));
            }
        }, settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- public operations

    /**
     * Sends encoded message bytes. The future completes with the outcome, or fails after
     * {@code sendTimeout}. With {@code blocking}, it is completed on the loop and must only be
     * waited on; otherwise it is completed off the loop and callers may chain on it.
     */
    public CompletableFuture<Outcome> send(String address, byte[] payload, boolean blocking) {
        PendingSend send = new PendingSend(address, payload,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMillis()), blocking);
        execute(() -> {
            switch (state) {
                case OPEN -> senders.computeIfAbsent(address, this::attachSender).offer(send);
                case RECONNECTING -> backlog.add(send);
                default -> {
                    send.fail(notOpen(), completer);
                    return;
                }
            }
            timeouts.track(send);
        });
        return send.future;
    }

    /** How callers of blocking sends on this connection wait for their outcome. */
    public OutcomeWait outcomeWait() {
        return outcomeWait;
    }

    /**
     * Asks for one message from an address. The future completes with {@code null} when none
     * arrived within the timeout. It is completed on the loop: only wait on it, never chain.
     */
    public CompletableFuture<IncomingDelivery> receive(String address, long timeoutMillis) {
        receiving = true;
        CompletableFuture<IncomingDelivery> waiter = new CompletableFuture<>();
        execute(() -> {
            switch (state) {
                case OPEN -> receivers.computeIfAbsent(address, this::attachReceiver).request(waiter);
                case RECONNECTING -> waitingReceives.computeIfAbsent(address, a -> new ArrayList<>()).add(waiter);
                default -> {
                    waiter.completeExceptionally(notOpen());
                    return;
                }
            }
            if (!waiter.isDone()) {
                loop.schedule(() -> abandon(address, waiter), timeoutMillis, TimeUnit.MILLISECONDS);
            }
        });
        return waiter;
    }

    private void abandon(String address, CompletableFuture<IncomingDelivery> waiter) {
        IncomingLink link = receivers.get(address);
        if (link != null) {
            link.abandon(waiter);
        }
        List<CompletableFuture<IncomingDelivery>> waiting = waitingReceives.get(address);
        if (waiting != null) {
            waiting.remove(waiter);
        }
        waiter.complete(null);
    }

    /**
     * Releases a message whose receive was abandoned by its caller (interrupted) after the loop
     * handed it over, so that the peer delivers it again.
     */
    public void giveBack(IncomingDelivery delivery) {
        settle(delivery, org.apache.qpid.proton.amqp.messaging.Released.getInstance());
    }

    /** Settles a received message with an outcome. */
    public CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            if (state != State.OPEN || delivery.linkLost()) {
                done.completeExceptionally(new ConnectionLostException("AMQPRA0023: The connection this message"
                        + " arrived on was lost, so it cannot be settled; the peer will deliver it again",
                        failure));
                return;
            }
            delivery.settle(outcome);
            done.complete(null);
        });
        return done;
    }

    /** Releases what receivers hold and detaches them; senders stay attached for reuse. */
    public CompletableFuture<Void> releaseReceivers() {
        if (!receiving) {
            // Nothing was ever received on this connection since the last release: returning a
            // handle to the pool then costs no trip to the event loop.
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            receiving = false;
            receivers.values().forEach(IncomingLink::releaseAndClose);
            receivers.clear();
            waitingReceives.values().forEach(list -> list.forEach(w -> w.complete(null)));
            waitingReceives.clear();
            done.complete(null);
        });
        return done;
    }

    /** Closes the connection with an AMQP close; completes when the peer answered or gave up. */
    public CompletableFuture<Void> close() {
        execute(() -> {
            switch (state) {
                case OPEN -> {
                    state = State.CLOSING;
                    failWaiting(new ConnectionLostException("AMQPRA0013: The connection was closed", (String) null));
                    current.connection.close();
                    Attempt closing = current;
                    loop.schedule(() -> closing.channel.close(), 2, TimeUnit.SECONDS);
                }
                case CONNECTING, RECONNECTING -> {
                    state = State.CLOSED;
                    failWaiting(new ConnectionLostException("AMQPRA0013: The connection was closed", (String) null));
                    if (current != null && current.channel != null) {
                        current.channel.close();
                    }
                    current = null;
                    opened.completeExceptionally(new ConnectionLostException(
                            "AMQPRA0013: The connection was closed while opening", (String) null));
                    closed.complete(null);
                }
                default -> { }
            }
        });
        return closed;
    }

    // ---------------------------------------------------------------- engine events

    void onEvent(Attempt attempt, Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> onRemoteOpen(attempt);
            case CONNECTION_REMOTE_CLOSE -> onRemoteClose(attempt, event.getConnection());
            case SESSION_REMOTE_CLOSE -> {
                if (state == State.OPEN) {
                    attempt.transportError = event.getSession().getRemoteCondition();
                    attempt.connection.close(); // ends this attempt; the loss follows
                }
            }
            case LINK_REMOTE_CLOSE, LINK_REMOTE_DETACH -> onLinkClosed(event.getLink());
            case LINK_FLOW -> {
                if (event.getLink().getContext() instanceof OutgoingLink link) {
                    link.onFlow();
                }
            }
            case DELIVERY -> {
                Object context = event.getDelivery().getLink().getContext();
                if (context instanceof OutgoingLink out) {
                    out.onDelivery(event.getDelivery());
                } else if (context instanceof IncomingLink in) {
                    in.onDelivery(event.getDelivery());
                }
            }
            default -> { }
        }
    }

    void afterEvents() {
        completer.flush();
    }

    private void onRemoteOpen(Attempt attempt) {
        if (state != State.CONNECTING && state != State.RECONNECTING) {
            return;
        }
        boolean reconnect = state == State.RECONNECTING;
        Endpoint previous = lastOpenEndpoint;
        attempt.opened = true;
        state = State.OPEN;
        failedAttempts = 0; // backoff restarts only after a real AMQP open
        redirect = null;
        failure = null;
        lastOpenEndpoint = attempt.endpoint;
        remoteContainerId = attempt.connection.getRemoteContainer();
        if (policy.useServerFailoverList()) {
            announced = FailoverList.read(attempt.connection.getRemoteProperties());
        }
        if (reconnect) {
            LOG.infof("AMQPRA0082: Reconnected %s to %s%s", containerId, attempt.endpoint,
                    attempt.endpoint.equals(previous) ? "" : " (failed over from " + previous + ")");
        } else {
            LOG.debugf("Opened %s to %s (remote container %s)", containerId, attempt.endpoint, remoteContainerId);
        }
        replay();
        listener.opened(containerId, attempt.endpoint, remoteContainerId, previous, reconnect);
        opened.complete(this);
    }

    /** Puts what waited during the outage onto fresh links, in the order it was issued. */
    private void replay() {
        PendingSend send;
        while ((send = backlog.poll()) != null) {
            if (!send.isDone()) {
                senders.computeIfAbsent(send.address, this::attachSender).offer(send);
            }
        }
        waitingReceives.forEach((address, waiters) -> {
            IncomingLink link = receivers.computeIfAbsent(address, this::attachReceiver);
            waiters.forEach(link::request);
        });
        waitingReceives.clear();
    }

    private void onRemoteClose(Attempt attempt, Connection c) {
        if (state == State.CLOSING) {
            attempt.channel.close();
            return;
        }
        ErrorCondition error = c.getRemoteCondition();
        attempt.transportError = error;
        if (error != null && REDIRECT.equals(error.getCondition()) && policy.useServerFailoverList()) {
            redirect = redirectTarget(error);
        }
        if (c.getLocalState() != EndpointState.CLOSED) {
            c.close();
        }
        // The pump writes our close; the socket then ends and attemptEnded() decides what next.
        loop.execute(attempt.channel::close);
    }

    /** Where an {@code amqp:connection:redirect} points (AMQP 1.0 section 2.8.15). */
    private static Endpoint redirectTarget(ErrorCondition error) {
        if (error.getInfo() == null) {
            return null;
        }
        // Keys are symbols by the specification; some peers send strings. Match by name.
        Map<String, Object> info = new HashMap<>();
        error.getInfo().forEach((k, v) -> info.put(String.valueOf(k), v));
        Object host = info.getOrDefault("network-host", info.get("hostname"));
        Object port = info.get("port");
        if (host == null || !(port instanceof Number n)) {
            LOG.warnf("AMQPRA0085: Ignored a redirect without network-host and port: %s", info);
            return null;
        }
        return new Endpoint(host.toString(), n.intValue());
    }

    private void onLinkClosed(Link link) {
        ErrorCondition error = link.getRemoteCondition();
        if (link.getContext() instanceof OutgoingLink out) {
            String address = ((Target) link.getTarget()).getAddress();
            senders.remove(address, out);
            out.failAll(new AmqpException("AMQPRA0016: " + current.endpoint + " refused or ended the link to '"
                    + address + "'" + describe(error), condition(error)));
        } else if (link.getContext() instanceof IncomingLink in) {
            String address = ((Source) link.getSource()).getAddress();
            receivers.remove(address, in);
            in.failAll(new AmqpException("AMQPRA0017: " + current.endpoint + " refused or ended the link from '"
                    + address + "'" + describe(error), condition(error)));
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    // ---------------------------------------------------------------- loss and reconnect

    /** The socket of an attempt is gone. */
    void attemptEnded(Attempt attempt, Throwable cause) {
        if (attempt != current) {
            return;
        }
        if (state == State.CLOSING) {
            state = State.CLOSED;
            current = null;
            closed.complete(null);
            return;
        }
        attemptFailed(attempt, lossCause(attempt, cause));
    }

    /** An attempt failed or an open connection was lost: reconnect or give up. Loop only. */
    private void attemptFailed(Attempt attempt, AmqpException cause) {
        if (attempt != current || state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        current = null;
        boolean wasOpen = state == State.OPEN;
        failure = cause;
        salvage();
        // Bad credentials or a certificate that does not verify will not fix themselves.
        boolean fatal = cause instanceof AuthenticationException || tlsFailure(cause);
        boolean startup = lastOpenEndpoint == null;
        boolean retry = !fatal && policy.mayRetry(failedAttempts, startup)
                && !(startup && System.nanoTime() - startupDeadlineNanos >= 0);
        if (wasOpen) {
            LOG.infof("AMQPRA0080: Connection %s to %s lost: %s%s", containerId, attempt.endpoint,
                    cause.getMessage(), retry ? "; reconnecting" : "");
            listener.disconnected(containerId, attempt.endpoint, cause, retry);
        }
        if (!retry) {
            giveUp(cause);
            return;
        }
        state = startup ? State.CONNECTING : State.RECONNECTING;
        failedAttempts++;
        long delay = policy.delayMillis(failedAttempts, ThreadLocalRandom.current().nextDouble());
        Endpoint next = nextEndpoint(attempt.endpoint);
        if (!wasOpen) {
            String line = "AMQPRA0081: Connection attempt " + failedAttempts + " to " + attempt.endpoint
                    + " failed: " + cause.getMessage() + "; next attempt in " + delay + " ms to " + next;
            if (failedAttempts % WARN_EVERY == 0) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        }
        listener.reconnecting(containerId, failedAttempts, next, delay, cause);
        loop.schedule(() -> startAttempt(next), delay, TimeUnit.MILLISECONDS);
    }

    private Endpoint nextEndpoint(Endpoint last) {
        if (redirect != null) {
            return redirect;
        }
        if (provider != null) {
            Endpoint asked = ask(failedAttempts, last);
            if (asked != null) {
                return asked;
            }
        }
        if (!announced.isEmpty()) {
            // The peer's own list first: the cluster knows its members better than a static one.
            int i = announced.indexOf(last);
            if (i + 1 < announced.size()) {
                return announced.get(i + 1);
            }
            if (i >= 0) {
                return settings.endpoint(); // after the announced ones, the configured rotation
            }
        }
        return policy.next(settings.endpoint(), last);
    }

    private Endpoint ask(int attempt, Endpoint previous) {
        try {
            ConnectionDetails d = provider.connectionDetails(attempt,
                    new ConnectionDetails(previous.host(), previous.port()));
            return d == null ? null : new Endpoint(d.host(), d.port());
        } catch (RuntimeException e) {
            LOG.warnf(e, "AMQPRA0083: The connectionDetailsProvider failed; using the configured endpoints");
            return null;
        }
    }

    /**
     * Takes what the lost attempt's links held: sends go back to the backlog (or fail, if their
     * outcome is unknown and resending is off), receives wait for the next attempt.
     */
    private void salvage() {
        List<PendingSend> retry = new ArrayList<>();
        for (OutgoingLink link : senders.values()) {
            link.drainInto(retry, policy.resendOnReconnect(), unknownOutcome());
        }
        senders.clear();
        retry.addAll(backlog);
        backlog.clear();
        backlog.addAll(retry);
        for (Map.Entry<String, IncomingLink> e : receivers.entrySet()) {
            List<CompletableFuture<IncomingDelivery>> waiters = e.getValue().drainWaiters();
            if (!waiters.isEmpty()) {
                waitingReceives.computeIfAbsent(e.getKey(), a -> new ArrayList<>()).addAll(waiters);
            }
        }
        receivers.clear();
        completer.flush();
    }

    private AmqpException unknownOutcome() {
        return new ConnectionLostException("AMQPRA0024: The connection was lost before the peer's outcome"
                + " arrived; the peer may or may not have the message (resendOnReconnect is off)", failure);
    }

    /** Nothing more will be tried: everything waiting fails with {@code cause}. */
    private void giveUp(AmqpException cause) {
        if (state == State.CLOSED) {
            return;
        }
        boolean everOpened = lastOpenEndpoint != null;
        state = State.CLOSED;
        failure = cause;
        if (current != null && current.channel != null) {
            current.channel.close();
        }
        current = null;
        failWaiting(cause);
        closed.complete(null);
        if (!everOpened) {
            opened.completeExceptionally(cause);
        } else {
            if (policy.enabled()) {
                LOG.errorf("AMQPRA0084: Gave up reconnecting %s to %s after %d attempts: %s", containerId,
                        settings.endpoint(), failedAttempts, cause.getMessage());
            }
            listener.connectionLost(cause);
        }
    }

    private void failWaiting(AmqpException cause) {
        senders.values().forEach(link -> link.failAll(cause));
        senders.clear();
        receivers.values().forEach(link -> link.failAll(cause));
        receivers.clear();
        backlog.forEach(send -> send.fail(cause, completer));
        backlog.clear();
        waitingReceives.values().forEach(list -> list.forEach(w -> w.completeExceptionally(cause)));
        waitingReceives.clear();
        timeouts.clear();
        completer.flush();
    }

    private static boolean tlsFailure(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private AmqpException lossCause(Attempt attempt, Throwable cause) {
        if (tlsFailure(cause)) {
            Throwable root = cause;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new ConnectionLostException("AMQPRA0025: TLS with " + attempt.endpoint + " failed: "
                    + root.getMessage(), cause);
        }
        if (attempt.sasl.failure() != null) {
            return new AuthenticationException("AMQPRA0018: Authentication with " + attempt.endpoint
                    + " failed: " + attempt.sasl.failure());
        }
        ErrorCondition error = attempt.localCondition();
        String why;
        if (error != null) {
            // The engine ended the connection itself: the idle timeout expired. The transport
            // then also reports 'connection aborted', which is only the consequence.
            why = describe(error) + " (no frame from the peer within idleTimeout, "
                    + settings.idleTimeoutMillis() + " ms)";
        } else if (attempt.transportError != null && attempt.transportError.getCondition() != null) {
            error = attempt.transportError;
            if (UNAUTHORIZED.equals(error.getCondition())) {
                return new AuthenticationException("AMQPRA0018: " + attempt.endpoint + " refused access"
                        + describe(error));
            }
            why = describe(error);
        } else if (cause != null) {
            why = ": " + cause.getMessage();
        } else {
            why = " by the peer";
        }
        return new ConnectionLostException("AMQPRA0019: Connection to " + attempt.endpoint + " lost" + why,
                condition(error));
    }

    // ---------------------------------------------------------------- links

    private OutgoingLink attachSender(String address) {
        Sender sender = current.session.sender("amqp-ra-sender-" + address + "-" + LINK_IDS.incrementAndGet());
        Target target = new Target();
        target.setAddress(address);
        sender.setTarget(target);
        sender.setSource(new Source());
        sender.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        sender.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        sender.open();
        return new OutgoingLink(sender, completer);
    }

    private IncomingLink attachReceiver(String address) {
        Receiver receiver = current.session.receiver("amqp-ra-receiver-" + address + "-" + LINK_IDS.incrementAndGet());
        Source source = new Source();
        source.setAddress(address);
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.setSenderSettleMode(SenderSettleMode.UNSETTLED);
        receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
        receiver.open();
        return new IncomingLink(receiver);
    }

    private void timedOut(PendingSend send) {
        OutgoingLink link = senders.get(send.address);
        if (link != null) {
            link.forget(send);
        }
        backlog.remove(send);
        String during = state == State.OPEN ? "" : " (the connection is " + state.name().toLowerCase()
                + (failure == null ? "" : " after: " + failure.getMessage()) + ")";
        send.fail(new SendTimeoutException("AMQPRA0020: No outcome for a message to '" + send.address
                + "' within " + settings.sendTimeoutMillis() + " ms (sendTimeout); the peer may or may not have it"
                + during), completer);
        completer.flush();
    }

    /** Runs a task on the loop, then writes what it produced and hands over completions. */
    private void execute(Runnable task) {
        Runnable wrapped = () -> {
            task.run();
            Attempt a = current;
            if (a != null && a.opened && state != State.CLOSED) {
                // With more tasks queued, one pump after them all writes everything at once; with
                // none (a lone, blocking send), writing now saves the caller a task's delay.
                if (loop instanceof io.netty.util.concurrent.SingleThreadEventExecutor single
                        && single.pendingTasks() == 0) {
                    a.pump.pump();
                } else {
                    a.pump.pumpSoon();
                }
            }
            completer.flush();
        };
        if (loop.inEventLoop()) {
            wrapped.run();
        } else {
            loop.execute(wrapped);
        }
    }

    private AmqpException notOpen() {
        AmqpException cause = failure;
        return cause != null
                ? new ConnectionLostException("AMQPRA0021: " + cause.getMessage(), cause)
                : new ConnectionLostException("AMQPRA0021: The connection to " + settings.endpoint()
                        + " is " + state.name().toLowerCase(), (String) null);
    }

    private static String describe(ErrorCondition error) {
        if (error == null || error.getCondition() == null) {
            return "";
        }
        return ": " + error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
    }

    private static String condition(ErrorCondition error) {
        return error == null || error.getCondition() == null ? null : error.getCondition().toString();
    }
}
