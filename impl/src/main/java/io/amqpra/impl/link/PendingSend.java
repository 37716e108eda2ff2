package io.amqpra.impl.link;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.api.status.Figure;
import io.amqpra.impl.stats.Figures;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.engine.Delivery;

/**
 * One message on its way to the peer: waiting for credit, or sent and waiting for an outcome.
 * Touched only on the connection's event loop, apart from the future.
 */
public final class PendingSend {

    public final String address;
    /** Kept until the send is done: a send whose outcome was lost with a connection is resent. */
    byte[] payload;
    final long deadlineNanos;
    public final CompletableFuture<Outcome> future = new CompletableFuture<>();
    /** Set once transmitted; a late outcome for a timed-out send finds {@link #done} set. */
    Delivery delivery;
    boolean done;

    /**
     * A blocking send's future has only a waiting thread behind it, never a callback, so the loop
     * may complete it directly and save a thread hand-off.
     */
    final boolean direct;

    /**
     * The AMQP transaction the message is sent in, or {@code null}. A transactional send is never
     * resent on another connection: its transaction ended with the one it was sent on.
     */
    final Binary txnId;

    /** Runs once, when the send is done, however it ends; {@code null} for nothing. */
    private Runnable whenDone;
    /** Where its outcome and time are counted, or {@code null}. */
    private Figures figures;
    private long startNanos;

    public PendingSend(String address, byte[] payload, long deadlineNanos, boolean direct) {
        this(address, payload, deadlineNanos, direct, null);
    }

    public PendingSend(String address, byte[] payload, long deadlineNanos, boolean direct, Binary txnId) {
        this.address = address;
        this.payload = payload;
        this.deadlineNanos = deadlineNanos;
        this.direct = direct;
        this.txnId = txnId;
    }

    public boolean isDone() {
        return done;
    }

    /**
     * Sets what runs once, on the loop, as soon as this send is done, however it ends: before its
     * future completes. Set it before the send is handed to the loop.
     */
    public void whenDone(Runnable action) {
        this.whenDone = action;
    }

    /** Counts this send in {@code figures}: in flight from now, then its outcome and its time. */
    public void countInto(Figures figures) {
        this.startNanos = System.nanoTime();
        this.figures = figures;
        figures.increment(Figure.SENDS_IN_FLIGHT);
    }

    private void finish() {
        if (figures != null) {
            figures.decrement(Figure.SENDS_IN_FLIGHT);
        }
        done = true;
        payload = null;
        if (whenDone != null) {
            whenDone.run();
        }
    }

    public void complete(Outcome outcome, Completer completer) {
        if (!done) {
            finish();
            if (figures != null) {
                figures.sendDone(startNanos, outcome.type());
            }
            if (direct) {
                future.complete(outcome);
            } else {
                completer.complete(future, outcome);
            }
        }
    }

    /** Fails it: through {@code completer}, or at once if that is {@code null} (no loop took it). */
    public void fail(AmqpException error, Completer completer) {
        if (!done) {
            finish();
            if (figures != null) {
                figures.increment(error instanceof SendTimeoutException ? Figure.SENDS_TIMED_OUT : Figure.SENDS_FAILED);
            }
            if (direct || completer == null) {
                future.completeExceptionally(error);
            } else {
                completer.fail(future, error);
            }
        }
    }
}
