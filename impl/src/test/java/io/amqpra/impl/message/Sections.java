package io.amqpra.impl.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * Encodes message sections one after the other, as a peer may put them on the wire: also
 * sequences that Proton-J's {@code Message} cannot hold, such as several data sections.
 */
public final class Sections {

    private Sections() {
    }

    public static byte[] encode(Section... sections) {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        encoder.setByteBuffer(buffer);
        for (Section section : sections) {
            encoder.writeObject(section);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }
}
