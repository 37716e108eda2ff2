package io.amqpra.impl.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event-loop threads of the adapter. Each AMQP connection is pinned to one loop thread for
 * its whole life. In a container the threads come from its WorkManager; outside one they are
 * named daemon threads.
 *
 * <p>On Linux the loops use Netty's native epoll transport, which wakes a loop and moves bytes
 * with fewer system calls than Java NIO; elsewhere, or with {@code -Dio.amqpra.nio=true}, they
 * use NIO.
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
        EventLoopGroup group = group(threads, loopThreads);
        // Each loop takes its thread now, from the adapter's start, rather than from whichever
        // application thread first gives it work (its class loader would stay with the task).
        group.forEach(loop -> loop.execute(() -> { }));
        return new EventLoops(group, completions);
    }

    /** Loops for non-managed mode, shared by the whole JVM and made of named daemon threads. */
    public static EventLoops standalone() {
        synchronized (LOCK) {
            if (standalone == null) {
                Executor callbacks = Executors.newCachedThreadPool(
                        daemonThreads("amqp-ra-callback-"));
                Executor loopThreads = new ThreadPerTaskExecutor(daemonThreads("amqp-ra-loop-"));
                standalone = new EventLoops(group(Math.max(1, Runtime.getRuntime().availableProcessors()),
                        loopThreads), callbacks);
            }
            return standalone;
        }
    }

    private static boolean nativeTransport() {
        return !Boolean.getBoolean("io.amqpra.nio") && Epoll.isAvailable();
    }

    private static EventLoopGroup group(int threads, Executor loopThreads) {
        return nativeTransport() ? new EpollEventLoopGroup(threads, loopThreads)
                : new NioEventLoopGroup(threads, loopThreads);
    }

    /** The client channel type that runs on {@code loop}. */
    public static Class<? extends SocketChannel> socketChannel(EventLoop loop) {
        return loop.parent() instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Which Netty transport the loops use, for the log. */
    public String transportName() {
        return group instanceof EpollEventLoopGroup ? "native epoll transport" : "Java NIO transport";
    }

    /** The server channel type that runs on this group. */
    public Class<? extends ServerSocketChannel> serverChannel() {
        return group instanceof EpollEventLoopGroup ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Where futures that application code may chain on are completed. */
    public Executor completions() {
        return completions;
    }

    /**
     * Removes what Netty keeps in the calling thread's thread-locals. A server's thread that
     * called into Netty (binding, closing, waiting on a future) would otherwise keep the
     * adapter's classes alive after an undeploy. Only this adapter's copy of Netty is touched.
     */
    public static void forgetThreadLocals() {
        FastThreadLocal.removeAll();
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
