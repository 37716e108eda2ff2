package io.amqpra.impl.transport;

import static io.amqpra.impl.transport.RawFrames.assertClosedWith;
import static io.amqpra.impl.transport.RawFrames.begin;
import static io.amqpra.impl.transport.RawFrames.transfer;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedShort;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.Role;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameGuard} on a transport fed in memory: each violation gets its close, and a peer
 * that keeps the rules (sessions and links coming and going, handles and channels reused) none.
 */
class FrameGuardTest {

    private static final int CHANNEL_MAX = 3;
    private final Connection connection = Connection.Factory.create();
    private final Transport transport = FrameGuard.newTransport(connection);

    @BeforeEach
    void open() {
        transport.setChannelMax(CHANNEL_MAX);
        transport.bind(connection);
        connection.open();
    }

    @Test
    void aFrameBeyondChannelMaxIsAFramingError() {
        assertClosedWith(exchange(frame(CHANNEL_MAX, begin()), frame(CHANNEL_MAX + 1, begin())),
                "amqp:connection:framing-error", "'begin' on channel 4", "channel-max 3");
    }

    @Test
    void aFrameBeforeTheOpenIsNotAllowed() {
        byte[] input = RawFrames.concat(RawFrames.AMQP_HEADER, frame(0, begin()));
        assertClosedWith(RawFrames.performatives(feed(input)), "amqp:not-allowed", "'begin' before the open frame");
    }

    @Test
    void aSecondBeginOnOneChannelIsNotAllowed() {
        assertClosedWith(exchange(frame(1, begin()), frame(1, begin())),
                "amqp:not-allowed", "'begin' on channel 1", "already begun");
    }

    @Test
    void aBeginAnsweringASessionThisEndNeverBeganIsNotAllowed() {
        Begin answer = begin();
        answer.setRemoteChannel(UnsignedShort.valueOf((short) 2));
        assertClosedWith(exchange(frame(0, answer)), "amqp:not-allowed", "answers channel 2");
    }

    @Test
    void anAttachOnAHandleInUseIsAHandleInUse() {
        assertClosedWith(exchange(frame(0, begin()), frame(0, attach(5, "a")), frame(0, attach(5, "b"))),
                "amqp:session:handle-in-use", "handle 5", "channel 0");
    }

    @Test
    void aFlowForAnUnattachedHandleIsAnUnattachedHandle() {
        Flow flow = flow();
        flow.setHandle(UnsignedInteger.valueOf(9));
        assertClosedWith(exchange(frame(0, begin()), frame(0, flow)),
                "amqp:session:unattached-handle", "'flow' for handle 9");
    }

    @Test
    void aDetachForAnUnattachedHandleIsAnUnattachedHandle() {
        Detach detach = new Detach();
        detach.setHandle(UnsignedInteger.valueOf(2));
        assertClosedWith(exchange(frame(0, begin()), frame(0, attach(1, "a")), frame(0, detach)),
                "amqp:session:unattached-handle", "'detach' for handle 2");
    }

    @Test
    void framesOnAnEndedSessionAreNotAllowed() {
        assertClosedWith(exchange(frame(2, begin()), frame(2, new End()), frame(2, attach(0, "late"))),
                "amqp:not-allowed", "'attach' on channel 2", "no session");
    }

    @Test
    void aPeerThatKeepsTheRulesIsNotStopped() {
        Detach detach = new Detach();
        detach.setHandle(UnsignedInteger.ZERO);
        detach.setClosed(true);
        Flow sessionFlow = flow();
        List<Object> out = exchange(frame(0, begin()), frame(0, attach(0, "a")), frame(0, transfer(0)),
                frame(0, sessionFlow), frame(0, detach), frame(0, attach(0, "again")), frame(0, new End()),
                frame(0, begin()), frame(0, attach(0, "third")), frame(0, transfer(0)), frame(3, begin()),
                RawFrames.concat(new byte[] {0, 0, 0, 8, 2, 0, 0, 0})); // an empty frame: a heartbeat
        assertNull(transport.getCondition(), String.valueOf(transport.getCondition()));
        assertTrue(out.stream().noneMatch(Close.class::isInstance), "closed: " + out);
        assertTrue(transport.capacity() > 0, "the input was stopped");
    }

    @Test
    void framesAfterThePeersCloseAreIgnored() {
        List<Object> out = exchange(frame(0, new Close()), frame(0, attach(0, "after close")));
        assertNull(transport.getCondition(), String.valueOf(transport.getCondition()));
        assertTrue(out.stream().noneMatch(o -> o instanceof Close c && c.getError() != null), "closed with an error: " + out);
    }

    /** Sends a header, an open and {@code frames}; returns the performatives that came back after the open. */
    private List<Object> exchange(byte[]... frames) {
        Open open = new Open();
        open.setContainerId("peer");
        byte[] input = RawFrames.concat(RawFrames.AMQP_HEADER, frame(0, open), RawFrames.concat(frames));
        List<Object> out = RawFrames.performatives(feed(input));
        assertTrue(out.get(0) instanceof Open, "no open first: " + out);
        return out.subList(1, out.size());
    }

    /** Feeds {@code input} to the transport as far as it takes it; returns all it wrote. */
    private byte[] feed(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.hasRemaining() && transport.capacity() > 0) {
            ByteBuffer tail = transport.tail();
            int n = Math.min(tail.remaining(), in.remaining());
            tail.put(in.slice().limit(n));
            in.position(in.position() + n);
            transport.process();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (transport.pending() > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[head.remaining()];
            head.get(bytes);
            out.write(bytes, 0, bytes.length);
            transport.pop(bytes.length);
        }
        return out.toByteArray();
    }

    private static byte[] frame(int channel, Object performative) {
        return RawFrames.frame(channel, performative);
    }

    private static Flow flow() {
        Flow flow = new Flow();
        flow.setIncomingWindow(UnsignedInteger.valueOf(100));
        flow.setNextOutgoingId(UnsignedInteger.ONE);
        flow.setOutgoingWindow(UnsignedInteger.valueOf(100));
        return flow;
    }

    /** The peer attaches as a sender; this end's link is the receiver. */
    private static Attach attach(int handle, String name) {
        Attach attach = new Attach();
        attach.setName(name);
        attach.setHandle(UnsignedInteger.valueOf(handle));
        attach.setRole(Role.SENDER);
        attach.setInitialDeliveryCount(UnsignedInteger.ZERO);
        attach.setTarget(new Target());
        return attach;
    }
}
