package io.amqpra.impl.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event-loop threads of the adapter. Each AMQP connection is pinned to one loop thread for
 * its whole life. In a container the threads come from its WorkManager; outside one they are
 * named daemon threads.
 */
public final class EventLoops {

    private static final Object LOCK = new Object();
    private static EventLoops standalone;

    private final EventLoopGroup group;
    private final Executor completions;

    private EventLoops(EventLoopGroup group, Executor completions) {
        this.group = group;
        this.completions = completions;
    }

    /**
     * Loops whose threads are taken from a container executor (one long-running task per loop).
     *
     * @param threads number of loop threads
     * @param loopThreads runs each loop as one long-running task
     * @param completions runs application callbacks, never on a loop thread
     */
    public static EventLoops managed(int threads, Executor loopThreads, Executor completions) {
        return new EventLoops(new NioEventLoopGroup(threads, loopThreads), completions);
    }

    /** Loops for non-managed mode, shared by the whole JVM and made of named daemon threads. */
    public static EventLoops standalone() {
        synchronized (LOCK) {
            if (standalone == null) {
                Executor callbacks = java.util.concurrent.Executors.newCachedThreadPool(
                        daemonThreads("amqp-ra-callback-"));
                standalone = new EventLoops(new NioEventLoopGroup(
                        Math.max(1, Runtime.getRuntime().availableProcessors()),
                        daemonThreads("amqp-ra-loop-")), callbacks);
            }
            return standalone;
        }
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Where futures that application code may chain on are completed. */
    public Executor completions() {
        return completions;
    }

    /** Stops the loops, giving in-progress work a short grace period. */
    public void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
