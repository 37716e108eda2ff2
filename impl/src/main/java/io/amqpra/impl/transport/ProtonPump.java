package io.amqpra.impl.transport;

import io.amqpra.api.status.Figure;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.TransportException;

/**
 * Moves bytes between one Netty channel and one Proton-J transport, and hands the engine's events
 * to a {@link ProtonEvents} handler. Everything here runs on the channel's event loop, which owns
 * the transport and its connection.
 *
 * <p>Input is fed defensively: Proton-J can stop consuming on hostile input (a SASL header
 * followed by garbage), so feeding stops when the transport takes nothing, reports an error or
 * closes its tail, and the channel is then closed. A hostile peer costs its own connection only.
 *
 * <p>The socket closes only once what the engine wrote last (a close frame that says what was
 * wrong) has gone out, or after {@link #CLOSE_GRACE_MILLIS} if the peer does not take it. A peer
 * that half-closes (shuts its output down) still reads: the engine learns that its input ended,
 * and the peer gets the engine's answer before the socket closes.
 */
public final class ProtonPump extends ChannelInboundHandlerAdapter {

    private static final AmqpLogger LOG = AmqpLogger.of(ProtonPump.class);
    /** How long a closing socket waits for its last bytes to be taken by the peer. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final Transport transport;
    private final Collector collector;
    private final ProtonEvents events;
    private final Figures figures;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> tick;
    private long tickDeadline;
    private boolean flushScheduled;
    private boolean inactive;
    private boolean pumping;
    /** The idle timeout to restore once input flows again after a pause, or -1. */
    private int pausedIdleTimeout = -1;
    private boolean resumed;
    /** Set once the channel is to close: the close that comes if the last bytes are not taken in time. */
    private ScheduledFuture<?> closeDeadline;
    /** After a refused login: write SASL frames only; {@code amqpCut} once the rest was cut off. */
    private boolean saslOnly;
    private boolean amqpCut;

    /** {@code figures}: where the bytes read and written are counted. */
    public ProtonPump(Transport transport, Collector collector, ProtonEvents events, Figures figures) {
        this.transport = transport;
        this.collector = collector;
        this.events = events;
        this.figures = figures;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // Netty closes a socket whose input ended unless told otherwise; the peer may still read.
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        pump();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        figures.add(Figure.BYTES_IN, in.readableBytes());
        boolean more;
        try {
            more = closeDeadline == null && feed(in);
        } finally {
            in.release();
        }
        if (resumed) {
            restoreIdleTimeout(); // input flows again: the engine's clock of the peer's silence starts over
        }
        // Deliver what the engine made of the input (a close frame, an error) before the channel goes.
        pump();
        if (!more) {
            closeAfterFlush();
        }
    }

    /**
     * Stops reading from the peer until {@link #resumeInput()}: what it sends waits in its
     * buffers and the network's. Meanwhile its heartbeats cannot be read, so the engine's idle
     * timeout is off; ours still go out.
     */
    public void pauseInput() {
        ctx.channel().config().setAutoRead(false);
        if (pausedIdleTimeout < 0) {
            pausedIdleTimeout = transport.getIdleTimeout();
            transport.setIdleTimeout(0);
        }
        resumed = false;
    }

    /**
     * Reads from the peer again; the idle timeout is back once the first input is in, or one idle
     * timeout from now if none comes (then the peer was silent all that time, and is timed out).
     */
    public void resumeInput() {
        resumed = pausedIdleTimeout >= 0;
        ctx.channel().config().setAutoRead(true);
        if (pausedIdleTimeout > 0) {
            ctx.executor().schedule(() -> {
                if (resumed && !inactive) {
                    restoreIdleTimeout();
                    pump();
                }
            }, pausedIdleTimeout, TimeUnit.MILLISECONDS);
        }
    }

    private void restoreIdleTimeout() {
        resumed = false;
        transport.setIdleTimeout(pausedIdleTimeout);
        pausedIdleTimeout = -1;
    }

    /** Returns false when the transport can take no more input from this peer. */
    private boolean feed(ByteBuf in) {
        while (in.isReadable()) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                // < 0: tail closed. 0 with input left: the engine made no progress on what it
                // has, so more would never be read either.
                LOG.debugf("Transport takes no more input (capacity %d), %d bytes unread, closing %s",
                        capacity, in.readableBytes(), ctx.channel());
                return false;
            }
            ByteBuffer tail = transport.tail();
            int n = Math.min(tail.remaining(), in.readableBytes());
            int limit = tail.limit();
            tail.limit(tail.position() + n);
            in.readBytes(tail);
            tail.limit(limit);
            try {
                transport.process();
            } catch (TransportException e) {
                LOG.debugf(e, "Transport failed on input from %s", ctx.channel());
                return false;
            }
            if (transport.getCondition() != null && transport.getCondition().getCondition() != null) {
                LOG.debugf("Closing %s: %s", ctx.channel(), transport.getCondition());
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        cancelTick();
        if (closeDeadline != null) {
            closeDeadline.cancel(false);
        }
        endInput();
        transport.close_head();
        drainEvents();
        events.onDisconnected(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            LOG.debugf(done.cause(), "TLS handshake failed on %s", ctx.channel());
            events.onDisconnected(done.cause());
            ctx.close();
            return;
        }
        if (event instanceof ChannelInputShutdownEvent && !inactive) {
            // The peer sent all it will send: the engine says what that means (after a close
            // frame, nothing; within a frame, a framing error), then the socket closes.
            endInput();
            pump();
            closeAfterFlush();
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Tells the engine that no more input comes. */
    private void endInput() {
        try {
            transport.close_tail();
        } catch (TransportException e) {
            // It had failed on the input before; its condition already says why.
            LOG.debugf(e, "Transport failed when its input ended on %s", ctx.channel());
        }
    }

    /**
     * Closes the channel once everything written so far has gone out, or after the grace period
     * if the peer does not read it.
     */
    private void closeAfterFlush() {
        if (closeDeadline != null || inactive) {
            return;
        }
        closeDeadline = ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf(cause, "I/O failure on %s", ctx.channel());
        events.onDisconnected(cause);
        ctx.close();
    }

    /**
     * Processes pending engine events and writes out what the engine produced. Call on the event
     * loop after changing the engine.
     */
    public void pump() {
        if (inactive) {
            return;
        }
        if (pumping) {
            // Called from an event handler of this pump: handling events again now would see the
            // current event twice (the collector pops it only after its handler returns).
            pumpSoon();
            return;
        }
        pumping = true;
        try {
            drainEvents();
            // Tick before writing: what the tick produces (a heartbeat, or the close when the
            // peer has been silent too long) goes out now, not one idle interval later.
            scheduleTick();
            writeOutput();
        } finally {
            pumping = false;
        }
    }

    /**
     * Coalesces pumps: many tasks that change the engine in one loop iteration produce one write
     * and one flush.
     */
    public void pumpSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                pump();
            });
        }
    }

    private void drainEvents() {
        Event event;
        while ((event = collector.peek()) != null) {
            try {
                events.onEvent(event);
            } catch (RuntimeException e) {
                LOG.eventHandlingFailed(e, event.getType());
            } finally {
                collector.pop();
            }
        }
        events.afterEvents();
    }

    private void writeOutput() {
        boolean wrote = false;
        while (true) {
            int pending = transport.pending();
            if (pending <= 0) {
                if (pending < 0 && transport.capacity() < 0) {
                    // Both directions done: the AMQP close (or a failure) is complete.
                    if (wrote) {
                        ctx.flush();
                    }
                    closeAfterFlush();
                    return;
                }
                break;
            }
            // head() runs the engine again and may hold more than pending() said: copy and
            // pop exactly what it holds, or the surplus would be written twice.
            ByteBuffer head = transport.head();
            int n = head.remaining();
            int keep = saslOnly ? saslPart(head) : n;
            if (keep > 0) {
                ByteBuf out = ctx.alloc().ioBuffer(keep);
                out.writeBytes(head.duplicate().limit(head.position() + keep));
                figures.add(Figure.BYTES_OUT, keep);
                ctx.write(out, ctx.voidPromise());
                wrote = true;
            }
            transport.pop(n);
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /**
     * After a refused login, the peer gets the SASL outcome and nothing more: Proton-J goes on to
     * write its AMQP protocol header, which is cut off here, with all that would follow it.
     */
    public void writeSaslOnly() {
        saslOnly = true;
    }

    /** How much of {@code out} is SASL: up to an AMQP protocol header at a frame boundary. */
    private int saslPart(ByteBuffer out) {
        int at = out.position();
        while (!amqpCut && out.limit() - at >= 8) {
            if (out.get(at) == 'A' && out.get(at + 4) == 0) {
                amqpCut = true; // 'AMQP' and protocol id 0: the AMQP layer's header
            } else {
                at += Math.max(8, out.getInt(at));
            }
        }
        return amqpCut ? Math.max(0, at - out.position()) : out.remaining();
    }

    private void scheduleTick() {
        long now = nowMillis();
        long deadline = transport.tick(now);
        drainEvents();
        if (deadline == 0 || (tick != null && tickDeadline <= deadline && !tick.isDone())) {
            return;
        }
        cancelTick();
        tickDeadline = deadline;
        tick = ctx.executor().schedule(() -> {
            tick = null; // this task is done once it runs: the pump below schedules the next
            pump();
        }, Math.max(1, deadline - now), TimeUnit.MILLISECONDS);
    }

    private void cancelTick() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private static long nowMillis() {
        // Proton-J treats 0 as "no deadline"; a monotonic clock shifted away from 0 avoids it.
        return System.nanoTime() / 1_000_000L + 1;
    }
}
