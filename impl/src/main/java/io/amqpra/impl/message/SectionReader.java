package io.amqpra.impl.message;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import java.nio.ByteBuffer;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.DecodeException;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;
import org.apache.qpid.proton.message.Message;

/**
 * Reads the sections of an encoded message into a Proton-J message, refusing what Proton-J's own
 * decoder would let through cut short. That decoder keeps the first body section and drops any
 * further ones: AMQP allows a body of several data (or amqp-sequence) sections, which an API
 * message cannot hold, so such a message would be taken with part of its body gone. It also stops
 * at the first section out of the order AMQP 1.0 (3.2) defines and drops the rest. Both are
 * refused here with a {@link DecodeException} that says why; its values decode exactly as in
 * Proton-J (the same decoder and types), in one pass.
 */
final class SectionReader {

    /** Where each section may stand: in this order, each at most once, body sections repeated. */
    private static final int BODY = 5;

    private SectionReader() {
    }

    static Message read(byte[] bytes, int length) {
        Codecs.Codec codec = Codecs.take(); // not a thread-local: see Codecs
        DecoderImpl decoder = codec.decoder();
        ReadableBuffer in = ReadableBuffer.ByteBufferReader.wrap(ByteBuffer.wrap(bytes, 0, length));
        decoder.setBuffer(in);
        try {
            return read(decoder, in);
        } finally {
            decoder.setBuffer(null);
            Codecs.give(codec);
        }
    }

    private static Message read(DecoderImpl decoder, ReadableBuffer in) {
        Message message = Message.Factory.create();
        int bodySections = 0;
        Section previous = null;
        DecodeException misplaced = null;
        while (in.hasRemaining()) {
            Object value = decoder.readObject();
            if (!(value instanceof Section section)) {
                throw MESSAGES.notASection(describe(value));
            }
            int rank = rank(section);
            if (rank == BODY) {
                bodySections++;
            }
            // Read on past a misplaced section: the count of body sections is what a sender needs
            // to hear first.
            if (misplaced == null && previous != null
                    && (rank < rank(previous) || rank == rank(previous) && rank != BODY)) {
                misplaced = MESSAGES.sectionOutOfOrder(name(section), name(previous));
            }
            keep(message, section);
            previous = section;
        }
        if (bodySections > 1) {
            throw MESSAGES.severalBodySections(bodySections);
        }
        if (misplaced != null) {
            throw misplaced;
        }
        return message;
    }

    private static int rank(Section section) {
        return switch (section.getType()) {
            case Header -> 0;
            case DeliveryAnnotations -> 1;
            case MessageAnnotations -> 2;
            case Properties -> 3;
            case ApplicationProperties -> 4;
            case Data, AmqpSequence, AmqpValue -> BODY;
            case Footer -> 6;
        };
    }

    private static void keep(Message message, Section section) {
        switch (section.getType()) {
            case Header -> message.setHeader((Header) section);
            case DeliveryAnnotations -> message.setDeliveryAnnotations((DeliveryAnnotations) section);
            case MessageAnnotations -> message.setMessageAnnotations((MessageAnnotations) section);
            case Properties -> message.setProperties((Properties) section);
            case ApplicationProperties -> message.setApplicationProperties((ApplicationProperties) section);
            case Data, AmqpSequence, AmqpValue -> message.setBody(section);
            case Footer -> message.setFooter((Footer) section);
        }
    }

    /** The section's name in the specification, such as {@code application-properties}. */
    private static String name(Section section) {
        return switch (section.getType()) {
            case Header -> "header";
            case DeliveryAnnotations -> "delivery-annotations";
            case MessageAnnotations -> "message-annotations";
            case Properties -> "properties";
            case ApplicationProperties -> "application-properties";
            case Data -> "data";
            case AmqpSequence -> "amqp-sequence";
            case AmqpValue -> "amqp-value";
            case Footer -> "footer";
        };
    }

    private static String describe(Object value) {
        if (value instanceof DescribedType described) {
            return "a value described by " + described.getDescriptor();
        }
        return value == null ? "a null" : "a " + value.getClass().getSimpleName();
    }
}
