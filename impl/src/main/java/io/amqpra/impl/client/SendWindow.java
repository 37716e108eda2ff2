package io.amqpra.impl.client;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.api.status.Figure;
import io.amqpra.impl.config.Limits;
import io.amqpra.impl.link.PendingSend;
import io.amqpra.impl.stats.Figures;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on the sends one connection holds at once ({@code maxSendsInFlight}), so that a peer
 * slower than its senders cannot make the connection queue messages without end. A send takes
 * room before it is handed to the event loop and gives it back the moment it is done, however it
 * ends: with an outcome, a failure or its timeout.
 *
 * <p>A caller who finds no room waits for some, in turn, up to its send's deadline
 * ({@code sendTimeout}), as a Qpid JMS producer waits for credit; then the send fails with a
 * {@link io.amqpra.api.SendTimeoutException} and was never sent. Failing at once instead would
 * hand every application a retry loop of its own. An event-loop thread never waits: there the
 * send fails at once. Any thread.
 */
final class SendWindow {

    private final int size;
    private final long timeoutMillis;
    private final EventLoopGroup loops;
    private final Figures figures;
    /** Fair: callers who wait get room in the order they came, so deadlines stay in order too. */
    private final Semaphore room;

    /**
     * @param limits {@code maxSendsInFlight}, and {@code sendTimeout}: how long a send may take in
     *        all, waiting for room included
     * @param loops the event loops, whose threads never wait here
     * @param figures where sends are counted
     */
    SendWindow(Limits limits, EventLoopGroup loops, Figures figures) {
        this.figures = figures;
        this.size = limits.maxSendsInFlight();
        this.timeoutMillis = limits.sendTimeoutMillis();
        this.loops = loops;
        this.room = new Semaphore(size, true);
    }

    /**
     * A send of {@code payload} to {@code address} with room taken for it, which it gives back
     * once done, and its deadline set; in {@code txn} unless that is {@code null}.
     *
     * @throws AmqpException when no room came before the deadline, the caller was interrupted
     *         while waiting, or the transaction is ending; the message was not sent
     */
    PendingSend admit(String address, byte[] payload, boolean blocking, Transaction txn) throws AmqpException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            enter(address, deadline);
        } catch (AmqpException e) { // never sent, and counted as such
            figures.increment(e instanceof SendTimeoutException ? Figure.SENDS_TIMED_OUT : Figure.SENDS_FAILED);
            throw e;
        }
        PendingSend send = new PendingSend(address, payload, deadline, blocking, txn == null ? null : txn.id);
        send.whenDone(room::release);
        if (txn != null && !txn.track(send.future)) {
            room.release();
            throw MESSAGES.transactionEnding();
        }
        send.countInto(figures);
        return send;
    }

    /** Takes room for one send, waiting for it until {@code deadlineNanos} unless on a loop. */
    private void enter(String address, long deadlineNanos) throws AmqpException {
        // Nobody waiting and room free: the common case, without checking for an interrupt.
        if (!room.hasQueuedThreads() && room.tryAcquire()) {
            return;
        }
        if (onEventLoop()) {
            throw MESSAGES.noRoomOnEventLoop(address, size);
        }
        try {
            if (room.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MESSAGES.interruptedAwaitingRoom(address);
        }
        throw MESSAGES.noRoomToSend(address, timeoutMillis, size);
    }

    private boolean onEventLoop() {
        for (EventExecutor loop : loops) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
