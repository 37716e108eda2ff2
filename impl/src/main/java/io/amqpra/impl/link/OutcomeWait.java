package io.amqpra.impl.link;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a caller waits for the outcome of a blocking send: spin briefly, then park.
 *
 * <p>Parking and waking a thread costs tens of microseconds on a virtual machine, a large part of
 * a round trip to a nearby peer. When outcomes on this connection have lately come back within
 * the spin budget, the caller watches the future for that long before it parks, and the outcome
 * finds it awake. When they come back slower (a distant peer, a loaded one), it parks at once,
 * except that one send in {@value #PROBE_EVERY} still spins. A parked caller's round trip includes
 * its own wake-up, so without these probes a connection that stopped spinning after a hiccup might
 * never see how fast it could be again; a probe whose outcome comes while it spins turns spinning
 * back on. One instance per connection; callers on any thread.
 */
public final class OutcomeWait {

    /** The longest a caller spins; {@code -Dio.amqpra.spinMicros=0} turns spinning off. */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1
            ? TimeUnit.MICROSECONDS.toNanos(Long.getLong("io.amqpra.spinMicros", 200)) : 0;

    static final int PROBE_EVERY = 16;

    /** Moving average of recent round trips; racy updates from several callers are harmless. */
    private volatile long typicalNanos;
    private int sends;

    public <T> T await(CompletableFuture<T> future, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        long typical = typicalNanos;
        boolean probe = false;
        if (SPIN_NANOS > 0 && (typical < SPIN_NANOS || (probe = ++sends % PROBE_EVERY == 0))) {
            while (!future.isDone() && System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            }
            probe &= future.isDone();
        }
        T value = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        long took = System.nanoTime() - start;
        typicalNanos = probe ? took : typical + (took - typical) / 8;
        return value;
    }
}
