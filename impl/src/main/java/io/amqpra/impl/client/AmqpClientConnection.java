package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.api.ConnectionDetailsProvider;
import io.amqpra.api.Outcome;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.ReconnectPolicy;
import io.amqpra.impl.link.BatchingCompleter;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.link.SendTimeouts;
import io.amqpra.impl.transport.EventLoops;
import io.netty.channel.EventLoop;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * One logical AMQP connection to a peer, owned by one event-loop thread, that survives the loss
 * of its transport: with reconnect on, it tries again with backoff, possibly on another endpoint,
 * and replays what was waiting. Each attempt is a fresh {@link Attempt} with its own links;
 * {@link Recovery} decides what follows a failed one and {@link ClientFailures} says why it
 * failed. Public methods may be called from any thread: they hand their work to the loop and
 * return futures.
 *
 * <p>Sends issued while reconnecting wait in the {@link Backlog}; sends whose outcome was lost
 * with the connection are resent ({@code resendOnReconnect}) or failed. Either way a send
 * completes with the peer's outcome or fails once {@code sendTimeout} passed: nothing is dropped
 * silently.
 */
public final class AmqpClientConnection {

    private enum State { CONNECTING, OPEN, RECONNECTING, CLOSING, CLOSED }

    private final ClientConfig config;
    private final ConnectionSettings settings;
    private final Recovery recovery;
    private final EventLoop loop;
    /** Resolves host names, which can take seconds: never the loop. */
    private final Executor resolver;
    private final ConnectionReporter reporter;
    private final BatchingCompleter completer;
    private final SendTimeouts timeouts;
    private final SendWindow window;
    private final CompletableFuture<AmqpClientConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final String containerId;

    // Loop-thread state.
    private final Backlog backlog;
    private final Subscriptions subscriptions;
    private final Receiving receiving;
    private final Transactions transactions = new Transactions(this);
    private final PeerHints hints;
    private Attempt current;
    private Endpoint lastOpenEndpoint;
    private int failedAttempts;
    private long startupDeadlineNanos;
    private volatile State state = State.CONNECTING;
    private volatile String remoteContainerId;
    private volatile AmqpException failure;

    private AmqpClientConnection(ClientConfig config, EventLoops loops, ConnectionListener listener) {
        this.config = config;
        this.settings = config.settings();
        ReconnectPolicy policy = settings.reconnect();
        this.loop = loops.group().next();
        this.resolver = loops.completions();
        this.completer = new BatchingCompleter(loops.completions());
        this.backlog = new Backlog(completer);
        this.timeouts = new SendTimeouts(loop, this::timedOut);
        this.window = new SendWindow(settings.limits(), loops.group(), config.figures());
        String configured = settings.transport().containerId();
        this.containerId = configured != null ? configured : "amqp-ra-" + UUID.randomUUID();
        ConnectionDetailsProvider provider = config.provider();
        this.reporter = new ConnectionReporter(containerId, listener, config.figures());
        this.recovery = new Recovery(policy, settings.endpoint(),
                provider == null ? null : new ProviderEndpoints(provider, reporter));
        this.hints = new PeerHints(policy.useServerFailoverList());
        this.receiving = new Receiving(this, loop, backlog, config.figures());
        this.subscriptions = new Subscriptions(policy, loop, this::execute, reporter, this::openAttempt);
    }

    /**
     * Connects and opens an AMQP connection, retrying as the reconnect policy allows for the first
     * connection, and returns at once: {@link #opened()} completes once an attempt is set up (see
     * {@link #remoteOpened}), or fails when {@code connectTimeout} passed or the attempts are used
     * up. The owner may {@link #close()} it before then.
     */
    public static AmqpClientConnection open(ClientConfig config, EventLoops loops, ConnectionListener listener) {
        AmqpClientConnection c = new AmqpClientConnection(config, loops, listener);
        c.loop.execute(c::start);
        return c;
    }

    /** Completes once the connection is set up; see {@link #open}. */
    public CompletableFuture<AmqpClientConnection> opened() {
        return opened;
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

    /** Receiving and settling messages. */
    public Receiving receiving() {
        return receiving;
    }

    /** Declaring and discharging transactions. */
    public Transactions transactions() {
        return transactions;
    }

    /** Open, or lost and reconnecting: worth keeping in a pool. */
    public boolean isUsable() {
        return state == State.OPEN || state == State.RECONNECTING;
    }

    private void start() {
        startupDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.transport().connectTimeoutMillis());
        loop.schedule(() -> {
            if (state == State.CONNECTING) {
                giveUp(ClientFailures.startupTimedOut(settings.endpoint(), settings.transport().connectTimeoutMillis(), failure));
            }
        }, settings.transport().connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        startAttempt(recovery.first(), null);
    }

    private void startAttempt(Endpoint endpoint, Redirect via) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        Attempt attempt = new Attempt(this, loop, endpoint, via, config, containerId, completer);
        current = attempt;
        attempt.connect(resolver);
    }

    // ---------------------------------------------------------------- public operations

    /**
     * Sends encoded message bytes once the {@link SendWindow} has room. The future completes with the
     * outcome, or fails after {@code sendTimeout}: with {@code blocking} on the loop (only wait on it),
     * otherwise off the loop (chain on it). With a transaction ({@code null} for none), it fails at
     * once if that transaction's attempt is gone.
     */
    public CompletableFuture<Outcome> send(String address, byte[] payload, boolean blocking, Transaction txn) {
        PendingSend send;
        try {
            send = window.admit(address, payload, blocking, txn);
        } catch (AmqpException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            execute(() -> offer(send, txn));
        } catch (RejectedExecutionException e) { // the adapter stopped its loops
            send.fail(ClientFailures.adapterStopping(), null);
        }
        return send.future;
    }

    private void offer(PendingSend send, Transaction txn) {
        if (txn != null && !txn.isOn(openAttempt())) {
            send.fail(transactions.lost(txn), completer);
            return;
        }
        switch (state) {
            case OPEN -> current.sender(send.address).offer(send);
            case RECONNECTING -> backlog.add(send);
            default -> {
                send.fail(notOpen(), completer);
                return;
            }
        }
        timeouts.track(send);
    }

    /** Closes the connection with an AMQP close; completes when the peer answered or gave up. */
    public CompletableFuture<Void> close() {
        execute(() -> {
            switch (state) {
                case OPEN -> {
                    moveTo(State.CLOSING);
                    failWaiting(ClientFailures.closed());
                    current.close(2);
                }
                case CONNECTING, RECONNECTING -> {
                    end(ClientFailures.closed());
                    opened.completeExceptionally(ClientFailures.closedWhileOpening());
                }
                default -> { }
            }
        });
        return closed;
    }

    /** The consumers. Loop thread only. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    // ---------------------------------------------------------------- what the current attempt reports

    boolean isCurrent(Attempt attempt) {
        return attempt == current;
    }

    /**
     * The attempt is set up: the peer answered our open and our session's begin. Only now does it
     * count as open, and the backoff start over: a peer that answers the open with a close (a
     * redirect, {@code amqp:resource-limit-exceeded}) never answers the begin, so its attempt is
     * one more failed one.
     */
    void remoteOpened(Attempt attempt) {
        if (state != State.CONNECTING && state != State.RECONNECTING) {
            return;
        }
        boolean reconnect = state == State.RECONNECTING;
        Endpoint previous = lastOpenEndpoint;
        attempt.markOpen();
        moveTo(State.OPEN);
        failedAttempts = 0;
        failure = null;
        lastOpenEndpoint = attempt.endpoint;
        remoteContainerId = attempt.remoteContainer();
        hints.opened(attempt);
        backlog.replay(attempt);
        subscriptions.attachAll(attempt);
        reporter.opened(attempt.endpoint, remoteContainerId, previous, reconnect);
        opened.complete(this);
    }

    void remoteClosed(Attempt attempt, ErrorCondition error) {
        if (state == State.CLOSING) {
            attempt.closeSocket();
            return;
        }
        hints.closed(attempt, error);
        // Our close goes out; the socket then ends and attemptEnded() decides what next.
        attempt.closeAfterPeer(error);
    }

    void sessionClosed(Attempt attempt, ErrorCondition error) {
        if (state == State.OPEN) {
            attempt.closeAfterSession(error);
        }
    }

    void afterEvents() {
        completer.flush();
    }

    /** The socket of an attempt is gone. */
    void attemptEnded(Attempt attempt, Throwable cause) {
        if (attempt != current) {
            return;
        }
        if (state == State.CLOSING) {
            moveTo(State.CLOSED);
            current = null;
            closed.complete(null);
            return;
        }
        attemptFailed(attempt, attempt.lossCause(cause));
    }

    // ---------------------------------------------------------------- loss and reconnect

    /** An attempt failed or an open connection was lost: reconnect or give up. Loop only. */
    void attemptFailed(Attempt attempt, AmqpException cause) {
        if (attempt != current || state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        current = null;
        boolean wasOpen = state == State.OPEN;
        failure = cause;
        backlog.salvage(attempt, settings.reconnect().resendOnReconnect(), ClientFailures.unknownOutcome(cause));
        subscriptions.lost();
        completer.flush();
        boolean startup = lastOpenEndpoint == null;
        Recovery.Decision next = recovery.decide(hints.failure(attempt, cause, failedAttempts, startup,
                startupDeadlineNanos), ThreadLocalRandom.current().nextDouble());
        if (wasOpen) {
            reporter.lost(attempt.endpoint, cause, next.retry());
        }
        if (!next.retry()) {
            giveUp(cause);
            return;
        }
        moveTo(startup ? State.CONNECTING : State.RECONNECTING);
        failedAttempts = next.attempt();
        reporter.retrying(failedAttempts, attempt.endpoint, cause, next.endpoint(), next.delayMillis(), wasOpen);
        loop.schedule(() -> startAttempt(next.endpoint(), next.via()), next.delayMillis(), TimeUnit.MILLISECONDS);
    }

    /** Nothing more will be tried: everything waiting fails with {@code cause}. */
    private void giveUp(AmqpException cause) {
        if (state == State.CLOSED) {
            return;
        }
        boolean everOpened = lastOpenEndpoint != null;
        failure = cause;
        end(cause);
        reporter.failed(cause);
        if (!everOpened) {
            opened.completeExceptionally(cause);
        } else {
            reporter.gaveUp(settings.endpoint(), failedAttempts, cause, settings.reconnect().enabled());
        }
    }

    /** Closed for good: the socket closes and everything waiting fails with {@code cause}. */
    private void end(AmqpException cause) {
        moveTo(State.CLOSED);
        if (current != null) {
            current.closeSocket();
        }
        failWaiting(cause);
        subscriptions.endAll();
        current = null;
        closed.complete(null);
    }

    /** Loop thread: the state changes, and the owner's figures with it. */
    private void moveTo(State next) {
        reporter.stateChanged(state == State.OPEN, state == State.RECONNECTING, next == State.OPEN, next == State.RECONNECTING);
        state = next;
    }

    private void failWaiting(AmqpException cause) {
        if (current != null) {
            current.failLinks(cause);
        }
        backlog.failAll(cause);
        timeouts.clear();
        completer.flush();
    }

    private void timedOut(PendingSend send) {
        if (current != null) {
            current.forget(send);
        }
        backlog.remove(send);
        send.fail(ClientFailures.sendTimedOut(send.address, settings.limits().sendTimeoutMillis(),
                state == State.OPEN ? null : state.name().toLowerCase(), failure), completer);
        completer.flush();
    }

    /** Runs a task on the loop, then writes what it produced and hands over completions. */
    void execute(Runnable task) {
        Runnable wrapped = () -> {
            task.run();
            Attempt a = current;
            if (a != null && a.isOpen() && state != State.CLOSED) {
                a.write();
            }
            completer.flush();
        };
        if (loop.inEventLoop()) {
            wrapped.run();
        } else {
            loop.execute(wrapped);
        }
    }

    /** The attempt being tried or open, or {@code null}. Loop thread only. */
    Attempt currentAttempt() {
        return current;
    }

    /** The attempt that is open now, or {@code null}. Loop thread only. */
    Attempt openAttempt() {
        return state == State.OPEN ? current : null;
    }

    /** Whether the connection is closed or closing, for good. Loop thread only. */
    boolean ending() {
        return state == State.CLOSED || state == State.CLOSING;
    }

    /** Whether the connection is lost and trying again. Loop thread only. */
    boolean reconnecting() {
        return state == State.RECONNECTING;
    }

    /** What the connection last failed with, or {@code null}. */
    AmqpException failure() {
        return failure;
    }

    AmqpException notOpen() {
        return ClientFailures.notOpen(settings.endpoint(), state.name().toLowerCase(), failure);
    }
}
