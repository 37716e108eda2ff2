package io.amqpra.impl.transport;

import io.amqpra.impl.log.AmqpLogger;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Watches that every event loop turns. Each loop stamps the time at a fixed rate; a thread of the
 * watchdog's own checks the stamps. A loop that has not stamped for longer than the threshold is
 * stuck (something blocks it, and every connection on it with it): the watchdog logs one warning
 * with the loop thread's stack, and reports the loop as stuck until it turns again.
 */
public final class LoopWatchdog implements Runnable {

    private static final AmqpLogger LOG = AmqpLogger.of(LoopWatchdog.class);
    /** Below this, ordinary scheduling jitter would read as a stuck loop. */
    public static final long MIN_THRESHOLD_MILLIS = 100;

    private final List<EventExecutor> loops = new ArrayList<>();
    private final AtomicLongArray stamps;
    private final AtomicReferenceArray<Thread> threads;
    private final boolean[] stuck;
    private final long thresholdNanos;
    private final long periodNanos;
    private final Consumer<String> report;
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private volatile boolean stopped;
    private volatile Thread watcher;

    private LoopWatchdog(EventLoopGroup group, long thresholdMillis, Consumer<String> report) {
        group.forEach(loops::add);
        this.stamps = new AtomicLongArray(loops.size());
        this.threads = new AtomicReferenceArray<>(loops.size());
        this.stuck = new boolean[loops.size()];
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.periodNanos = thresholdNanos / 4;
        this.report = report;
    }

    /**
     * Starts watching the loops of {@code group} on a thread from {@code watcherThread}: a loop
     * not turning for {@code thresholdMillis} is reported to {@code report} (why, or
     * {@code null} once every loop turns again).
     */
    public static LoopWatchdog start(EventLoopGroup group, long thresholdMillis, Executor watcherThread,
                                     Consumer<String> report) {
        LoopWatchdog watchdog = new LoopWatchdog(group, thresholdMillis, report);
        watchdog.restamp(System.nanoTime());
        watcherThread.execute(watchdog); // first: if the container refuses it, nothing else started
        for (int i = 0; i < watchdog.loops.size(); i++) {
            int loop = i;
            watchdog.ticks.add(watchdog.loops.get(loop).scheduleAtFixedRate(() -> watchdog.stamp(loop),
                    0, watchdog.periodNanos, TimeUnit.NANOSECONDS));
        }
        return watchdog;
    }

    private void stamp(int loop) {
        if (threads.get(loop) == null) {
            threads.set(loop, Thread.currentThread());
        }
        stamps.set(loop, System.nanoTime());
    }

    @Override
    public void run() {
        watcher = Thread.currentThread();
        try {
            long woke = System.nanoTime();
            while (!stopped) {
                LockSupport.parkNanos(this, periodNanos);
                long now = System.nanoTime();
                if (now - woke - periodNanos > thresholdNanos / 2) {
                    restamp(now); // the whole JVM stood still (a pause, a frozen VM): not one loop
                } else {
                    check();
                }
                woke = now;
            }
        } finally {
            watcher = null;
            report.accept(null);
        }
    }

    private void restamp(long now) {
        for (int i = 0; i < stamps.length(); i++) {
            stamps.set(i, now);
        }
    }

    private void check() {
        String first = null;
        for (int i = 0; i < loops.size(); i++) {
            long ageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stamps.get(i));
            Thread thread = threads.get(i);
            String name = thread == null ? "#" + (i + 1) : thread.getName();
            if (ageMillis * 1_000_000 > thresholdNanos && !stopped) {
                if (!stuck[i]) {
                    stuck[i] = true;
                    LOG.loopStuck(name, ageMillis, TimeUnit.NANOSECONDS.toMillis(thresholdNanos), stackOf(thread));
                }
                if (first == null) {
                    first = name + " has not turned for " + ageMillis + " ms";
                }
            } else if (stuck[i]) {
                stuck[i] = false;
                LOG.loopTurnsAgain(name);
            }
        }
        report.accept(first);
    }

    private static String stackOf(Thread thread) {
        if (thread == null) {
            return " (its thread never started)";
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            stack.append("\n\tat ").append(frame);
        }
        return stack.toString();
    }

    /** Stops watching; the watcher's thread returns to its owner. */
    public void stop() {
        stopped = true;
        ticks.forEach(t -> t.cancel(false));
        Thread w = watcher;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
