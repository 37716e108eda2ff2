package io.amqpra.impl.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Lets a listener's engine see a peer's input only as far as its login allows. Before the login
 * is decided, the engine gets the protocol header and then one SASL frame at a time; after the
 * peer's frame it waits (reading nothing more) until {@link #decided} says whether the peer is in.
 * Then what the peer sent meanwhile goes on to the engine, or is thrown away unread.
 *
 * <p>Clients may send their AMQP frames right behind their login without waiting for its outcome.
 * Given all of it at once, Proton-J would go on from a refused login to the AMQP frames behind it
 * (open, attach, transfer), and would fail on frames behind a login it was still checking. A
 * peer that skips SASL (an AMQP header first) passes straight through; the engine decides whether
 * that is allowed. Loop thread only.
 */
public final class SaslGate extends ChannelInboundHandlerAdapter {

    private static final int HEADER_SIZE = 8;
    private static final int SASL_PROTOCOL_ID = 3;

    private enum State { HEADER, FRAMES, WAITING, OPEN, SHUT }

    private State state = State.HEADER;
    private ChannelHandlerContext ctx;
    /** Input not yet passed on. */
    private ByteBuf held;
    /** Bytes of the SASL frame being passed on that are still to come. */
    private long frameLeft;
    private boolean passing;
    /** The peer's input ended while its login was being decided. */
    private boolean inputEnded;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (state == State.SHUT) {
            in.release();
        } else if (state == State.OPEN && held == null) {
            ctx.fireChannelRead(in);
        } else {
            hold(in);
            passOn();
        }
    }

    /**
     * The login was decided: {@code admitted} lets what the peer sent behind it through; else it
     * is thrown away, and nothing more is read.
     */
    public void decided(boolean admitted) {
        state = admitted ? State.OPEN : State.SHUT;
        ctx.channel().config().setAutoRead(admitted);
        if (!passing) {
            passOn();
        }
        if (inputEnded) {
            inputEnded = false;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE); // now that what came before it is in
        }
    }

    /** A peer that sent all it will send before its login was decided: the end waits for the login too. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && (state == State.WAITING || held != null)
                && state != State.OPEN && state != State.SHUT) {
            inputEnded = true;
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void hold(ByteBuf in) {
        if (held == null) {
            held = in;
        } else {
            CompositeByteBuf both = held instanceof CompositeByteBuf c ? c : ctx.alloc().compositeBuffer().addComponent(true, held);
            held = both.addComponent(true, in);
        }
    }

    private void passOn() {
        passing = true;
        try {
            int n;
            while (state != State.SHUT && held != null && held.isReadable() && (n = allowed()) > 0) {
                ByteBuf part = held.readRetainedSlice(n);
                advance(part);
                ctx.fireChannelRead(part); // may decide the login, within the engine's processing
            }
        } finally {
            passing = false;
        }
        if (held != null && (state == State.SHUT || !held.isReadable())) {
            held.release();
            held = null;
        }
        if (state == State.WAITING) {
            ctx.channel().config().setAutoRead(false); // one read's worth waits here, no more
        }
    }

    /** How many of the held bytes the engine may have now. */
    private int allowed() {
        int readable = held.readableBytes();
        return switch (state) {
            case OPEN -> readable;
            case HEADER -> readable < HEADER_SIZE ? 0 : HEADER_SIZE;
            case FRAMES -> {
                if (frameLeft == 0) {
                    if (readable < 4) {
                        yield 0;
                    }
                    long size = held.getUnsignedInt(held.readerIndex());
                    frameLeft = size < 8 ? readable : size; // a bad size is the engine's to refuse
                }
                yield (int) Math.min(readable, frameLeft);
            }
            default -> 0;
        };
    }

    private void advance(ByteBuf part) {
        if (state == State.HEADER) {
            state = part.getByte(part.readerIndex() + 4) == SASL_PROTOCOL_ID ? State.FRAMES : State.OPEN;
        } else if (state == State.FRAMES) {
            frameLeft -= part.readableBytes();
            if (frameLeft == 0) {
                state = State.WAITING; // the peer's frame is in: nothing more until it is answered
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
        ctx.fireChannelInactive();
    }
}
