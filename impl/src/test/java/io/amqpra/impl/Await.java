package io.amqpra.impl;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition, polling it up to a deadline: tests wait for what a user would see,
 * never for a fixed time. Shared by the unit tests and, through the test jar, the end-to-end ones.
 */
public final class Await {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private Await() {
    }

    /** Whether {@code condition} held within {@code timeout}. */
    public static boolean within(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(() -> what, timeout, condition);
    }

    /** As above, with a description made when it fails, so that it can show the state then. */
    public static void until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        if (!within(timeout, condition)) {
            throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
        }
    }
}
