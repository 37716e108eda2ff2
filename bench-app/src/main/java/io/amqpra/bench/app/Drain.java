package io.amqpra.bench.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the draining beans have processed, for the consumption and recovery scenarios. One bean
 * delivers at a time (the benchmark starts and stops their delivery), so one count serves all.
 */
public final class Drain {

    private static final AtomicLong RECEIVED = new AtomicLong();
    private static volatile long lastAt;
    private static volatile long firstProbeAt;

    private Drain() {
    }

    /** A bean finished a message; {@code probe} marks one the broker was given after a restart. */
    static void processed(boolean probe) {
        long now = System.currentTimeMillis();
        if (probe && firstProbeAt == 0) {
            firstProbeAt = now;
        }
        lastAt = now;
        RECEIVED.incrementAndGet();
    }

    /** Forgets what was counted, before a round. */
    static void reset() {
        RECEIVED.set(0);
        lastAt = 0;
        firstProbeAt = 0;
    }

    /**
     * Waits until beans have processed {@code n} messages since the last reset; the wall-clock
     * millisecond of the last one.
     */
    static String awaitProcessed(long n, long timeoutMillis) throws InterruptedException {
        await(() -> RECEIVED.get() >= n, timeoutMillis, () -> "beans processed " + RECEIVED.get() + " of " + n);
        return String.valueOf(lastAt);
    }

    /** Waits for the first probe message; the wall-clock millisecond a bean finished it. */
    static String awaitProbe(long timeoutMillis) throws InterruptedException {
        await(() -> firstProbeAt != 0, timeoutMillis, () -> "no probe message processed");
        return String.valueOf(firstProbeAt);
    }

    private static void await(BooleanSupplier done, long timeoutMillis, Supplier<String> otherwise)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(otherwise.get() + " within " + timeoutMillis + " ms");
            }
            Thread.sleep(1); // a poll of what the beans move: nothing to wait on
        }
    }
}
