package io.amqpra.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * Hand-made AMQP frames, for tests that send what a well-behaved peer never would (a frame on any
 * channel, a frame cut short), and the reading and checking of what came back.
 */
public final class RawFrames {

    /** The AMQP 1.0 protocol header, without SASL. */
    public static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};

    private RawFrames() {
    }

    /** One AMQP frame on {@code channel} carrying {@code performative}, with no payload. */
    public static byte[] frame(int channel, Object performative) {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer body = ByteBuffer.allocate(4096);
        encoder.setByteBuffer(body);
        encoder.writeObject(performative);
        body.flip();
        ByteBuffer frame = ByteBuffer.allocate(8 + body.remaining());
        frame.putInt(8 + body.remaining()).put((byte) 2).put((byte) 0).putShort((short) channel).put(body);
        return frame.array();
    }

    /** The bytes of {@code parts}, one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.array();
    }

    /**
     * The performatives in {@code bytes}: an AMQP header, then whole frames (an empty frame reads
     * as {@code null}). Fails if the bytes are anything else.
     */
    public static List<Object> performatives(byte[] bytes) {
        if (bytes.length < 8 || !Arrays.equals(Arrays.copyOf(bytes, 8), AMQP_HEADER)) {
            throw new AssertionError("no AMQP header in " + Arrays.toString(bytes));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 8, bytes.length - 8);
        List<Object> found = new ArrayList<>();
        while (in.hasRemaining()) {
            found.add(performative(in));
        }
        return found;
    }

    /** Decodes the frame at {@code in}'s position, and moves past it. */
    public static Object performative(ByteBuffer in) {
        int size = in.getInt();
        int dataOffset = in.get() * 4;
        in.position(in.position() + dataOffset - 5);
        ByteBuffer body = in.slice().limit(size - dataOffset);
        in.position(in.position() + size - dataOffset);
        DecoderImpl decoder = new DecoderImpl();
        AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
        decoder.setByteBuffer(body);
        return body.hasRemaining() ? decoder.readObject() : null;
    }

    /** A begin with the fields AMQP requires. */
    public static Begin begin() {
        Begin begin = new Begin();
        begin.setNextOutgoingId(UnsignedInteger.ZERO);
        begin.setIncomingWindow(UnsignedInteger.valueOf(100));
        begin.setOutgoingWindow(UnsignedInteger.valueOf(100));
        return begin;
    }

    /** The first transfer of a delivery on {@code handle}, without a payload. */
    public static Transfer transfer(int handle) {
        Transfer transfer = new Transfer();
        transfer.setHandle(UnsignedInteger.valueOf(handle));
        transfer.setDeliveryId(UnsignedInteger.ZERO);
        transfer.setDeliveryTag(new Binary(new byte[] {1}));
        return transfer;
    }

    /** Asserts that {@code frames} end with a close carrying {@code condition}, described with each of {@code words}. */
    public static void assertClosedWith(List<Object> frames, String condition, String... words) {
        Object last = frames.isEmpty() ? null : frames.get(frames.size() - 1);
        assertTrue(last instanceof Close, "expected a close frame last, got " + frames);
        ErrorCondition error = ((Close) last).getError();
        assertNotNull(error, "the close carries no error");
        assertEquals(condition, String.valueOf(error.getCondition()), String.valueOf(error));
        for (String word : words) {
            assertTrue(error.getDescription().contains(word), "'" + word + "' not in: " + error.getDescription());
        }
    }
}
