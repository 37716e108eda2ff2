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
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The event-loop threads of the adapter. Each AMQP connection is pinned to one loop thread for
 * its whole life. In a container the threads come from its WorkManager; outside one they are
 * named daemon threads of their owner, which stops them when it no longer needs them.
 *
 * <p>On Linux the loops use Netty's native epoll transport, which wakes a loop and moves bytes
 * with fewer system calls than Java NIO; elsewhere, or with {@code -Dio.amqpra.nio=true}, they
 * use NIO.
 */
public final class EventLoops {

    /** How long a callback thread of {@link #idleEndingThreads} waits for work before it ends. */
    private static final long IDLE_THREAD_SECONDS = 2;

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

    /**
     * Loops of one owner outside a container (a connection factory without its resource adapter):
     * named daemon threads, {@code amqp-ra-<name>-loop-<n>}. The owner stops them with
     * {@link #shutdownLater()} once nothing runs on them.
     *
     * @param completions runs application callbacks, never on a loop thread; see {@link #idleEndingThreads}
     */
    public static EventLoops own(Supplier<String> name, int threads, Executor completions) {
        return new EventLoops(group(threads, new ThreadPerTaskExecutor(daemonThreads(name, "-loop-"))), completions);
    }

    /**
     * Named daemon threads, {@code amqp-ra-<name>-callback-<n>}, for callbacks outside a container:
     * as many as there is work for, each ending after {@link #IDLE_THREAD_SECONDS} without work, so
     * the pool needs no shutdown and holds no thread while idle.
     */
    public static Executor idleEndingThreads(Supplier<String> name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads(name, "-callback-"));
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

    /** Stops the loops, giving in-progress work a short grace period, and waits for them. */
    public void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Stops the loops as {@link #shutdown()} does, without waiting: for an owner that may be on a
     * thread that must not block.
     */
    public void shutdownLater() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private static ThreadFactory daemonThreads(Supplier<String> owner, String kind) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "amqp-ra-" + owner.get() + kind + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
