package io.amqpra.impl.inbound;

import static io.amqpra.impl.transport.RawFrames.assertClosedWith;
import static io.amqpra.impl.transport.RawFrames.begin;
import static io.amqpra.impl.transport.RawFrames.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.transport.RawFrames;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that breaks the AMQP 1.0 rules gets the close the specification names, with a
 * description of what it did wrong, and then the socket closes: never a silently dropped
 * socket, a connection held open, or an engine's exception text.
 */
@Timeout(60)
class ProtocolViolationTest {

    private static final int HIGHEST_CHANNEL = 65535;
    private final TestContainer container = new TestContainer();
    private int port;

    @BeforeEach
    void listen() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> { });
        AmqpActivationSpec spec = TestContainer.spec("q");
        container.activate(endpoint, spec);
        port = container.listeners.port(endpoint, spec);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void anAttachOnASessionThatWasNeverBegunIsNotAllowed() throws Exception {
        try (RawPeer peer = new RawPeer(port)) {
            peer.send(RawFrames.frame(3, attach(0, Role.SENDER)));
            assertClosedWith(peer.untilClosed(), "amqp:not-allowed", "attach", "channel 3", "no session");
        }
    }

    @Test
    void aTransferBeforeAnyAttachIsAnUnattachedHandle() throws Exception {
        try (RawPeer peer = new RawPeer(port)) {
            peer.send(RawFrames.frame(0, begin()), RawFrames.frame(0, transfer(7)));
            List<Object> frames = peer.untilClosed();
            assertTrue(!frames.isEmpty() && frames.get(0) instanceof Begin, "the session is begun first: " + frames);
            assertClosedWith(frames, "amqp:session:unattached-handle", "transfer", "handle 7", "channel 0");
        }
    }

    @Test
    void aBeginOnTheHighestChannelIsAnsweredAndOnePastChannelMaxIsAFramingError() throws Exception {
        try (RawPeer peer = new RawPeer(port)) {
            int channelMax = peer.listenerOpen.getChannelMax() == null ? HIGHEST_CHANNEL
                    : peer.listenerOpen.getChannelMax().intValue();
            peer.send(RawFrames.frame(channelMax, begin()));
            Begin answer = (Begin) peer.next();
            assertEquals(channelMax, answer.getRemoteChannel().intValue());
            if (channelMax == HIGHEST_CHANNEL) {
                return; // no channel lies beyond it: FrameGuardTest checks that with a smaller channel-max
            }
            peer.send(RawFrames.frame(channelMax + 1, begin()));
            assertClosedWith(peer.untilClosed(), "amqp:connection:framing-error",
                    "channel " + (channelMax + 1), "channel-max " + channelMax);
        }
    }

    @Test
    void aFrameCutShortByAHalfCloseIsAFramingErrorAndTheSocketCloses() throws Exception {
        byte[] beginFrame = RawFrames.frame(0, begin());
        try (RawPeer peer = new RawPeer(port)) {
            peer.send(Arrays.copyOf(beginFrame, beginFrame.length - 3));
            peer.halfClose();
            assertClosedWith(peer.untilClosed(), "amqp:connection:framing-error", "middle of a frame");
        }
    }

    @Test
    void aFrameTheEngineFailsOnIsAnsweredInTheAdaptersWordsNotTheEngines() throws Exception {
        try (RawPeer peer = new RawPeer(port)) {
            // The peer attaches as a receiver (the listener sends on that link), then sends on it.
            peer.send(RawFrames.frame(0, begin()), RawFrames.frame(0, attach(0, Role.RECEIVER)),
                    RawFrames.frame(0, transfer(0)));
            List<Object> frames = peer.untilClosed();
            assertClosedWith(frames, "amqp:internal-error", "transfer", "channel 0", "could not be processed");
            String description = ((Close) frames.get(frames.size() - 1)).getError().getDescription();
            assertTrue(!description.contains("Exception"), description);
        }
    }

    private static Attach attach(int handle, Role role) {
        Attach attach = new Attach();
        attach.setName("link-" + handle);
        attach.setHandle(UnsignedInteger.valueOf(handle));
        attach.setRole(role);
        attach.setInitialDeliveryCount(UnsignedInteger.ZERO);
        Source source = new Source();
        source.setAddress("q");
        Target target = new Target();
        target.setAddress("q");
        attach.setSource(source);
        attach.setTarget(target);
        return attach;
    }
}
