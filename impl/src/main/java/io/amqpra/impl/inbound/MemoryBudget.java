package io.amqpra.impl.inbound;

import io.amqpra.impl.log.AmqpLogger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The memory a listener's peers may fill with messages ({@code maxBufferedBytes}): the bytes of
 * messages received and not yet finished, waiting for a bean or with one, and of messages still
 * arriving in several frames. Shared by the listener's connections, on several event loops.
 *
 * <p>Once the budget is spent, connections stop reading from their peers, so what peers send
 * waits in their own buffers and the network's, not in this heap; from three quarters of it on,
 * links get no credit back, so well-behaved peers slow down before that. As beans finish
 * messages, the waiting connections are woken to read and grant credit again. Messages still
 * arriving never block reading on their own: only finished messages give memory back, so while
 * none are held, reading goes on.
 */
final class MemoryBudget {

    private static final AmqpLogger LOG = AmqpLogger.of(MemoryBudget.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long limit;
    private final long resumeBelow;
    private final Supplier<String> where;
    private final AtomicLong held = new AtomicLong();
    /** The part of {@link #held} in whole messages, which beans give back. */
    private final AtomicLong whole = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean spent = new AtomicBoolean();
    private volatile long loggedAt = System.nanoTime() - LOG_EVERY_NANOS;
    private final Set<ServerConnection> waiting = ConcurrentHashMap.newKeySet();

    /** {@code where}: the listener's address, for the log (its port is known once it is bound). */
    MemoryBudget(long limit, Supplier<String> where) {
        this.limit = limit;
        this.resumeBelow = limit - limit / 4;
        this.where = where;
    }

    /** More frames of a message that is still arriving. */
    void grow(long bytes) {
        peak.accumulateAndGet(held.addAndGet(bytes), Math::max);
    }

    /** A message came in whole; {@code counted} of its bytes were already counted as they arrived. */
    void completed(long bytes, long counted) {
        whole.addAndGet(bytes);
        grow(bytes - counted);
    }

    /** A message still arriving was given up: its bytes are free again. */
    void dropped(long bytes) {
        if (bytes != 0) {
            held.addAndGet(-bytes);
            wakeIfRoom();
        }
    }

    /** A message was finished: its bytes are free again. */
    void finished(long bytes) {
        whole.addAndGet(-bytes);
        held.addAndGet(-bytes);
        wakeIfRoom();
    }

    /** Whether connections may go on reading from their peers. */
    boolean mayRead() {
        return held.get() < limit || whole.get() == 0;
    }

    /** Whether links get credit back, and paused connections read again. */
    boolean hasRoom() {
        return held.get() < resumeBelow || whole.get() == 0;
    }

    /** Wakes {@code connection} once there is room again (at once, if there is now). */
    void await(ServerConnection connection) {
        waiting.add(connection);
        if (!mayRead() && spent.compareAndSet(false, true) && System.nanoTime() - loggedAt > LOG_EVERY_NANOS) {
            loggedAt = System.nanoTime(); // once a minute at most: a busy listener may fill it often
            LOG.bufferedBytesSpent(where.get(), held.get(), limit);
        }
        wakeIfRoom();
    }

    private void wakeIfRoom() {
        if (waiting.isEmpty() || !hasRoom()) {
            return;
        }
        spent.set(false);
        for (ServerConnection c : waiting) {
            if (waiting.remove(c)) {
                c.budgetFreed();
            }
        }
    }

    /** The most it has held at once. */
    long peak() {
        return peak.get();
    }

    long held() {
        return held.get();
    }
}
