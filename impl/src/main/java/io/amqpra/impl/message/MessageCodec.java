package io.amqpra.impl.message;

import io.amqpra.api.Message;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.codec.WritableBuffer;

/**
 * Encodes API messages to AMQP bytes and decodes them back. Encoding runs on the caller's thread,
 * so the event loop only copies finished bytes into the transport.
 */
public final class MessageCodec {

    private static final int INITIAL_BUFFER = 4096;
    /** A thread keeps a buffer this large at most: a rare big message does not pin its size. */
    private static final int MAX_KEPT_BUFFER = 64 * 1024;
    /** Holds only JDK buffers, so a container thread that keeps one pins nothing of the adapter. */
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private MessageCodec() {
    }

    /** Encodes a message into a new array of exactly its encoded size. */
    public static byte[] encode(Message message) {
        return encode(toProton(message));
    }

    /**
     * Encodes a message whose one section is an amqp-value body of an AMQP type, such as a
     * transaction coordinator's declare or discharge.
     */
    public static byte[] encodeValue(Object value) {
        org.apache.qpid.proton.message.Message proton = org.apache.qpid.proton.message.Message.Factory.create();
        proton.setBody(new AmqpValue(value));
        return encode(proton);
    }

    private static byte[] encode(org.apache.qpid.proton.message.Message proton) {
        ByteBuffer buffer = BUFFER.get();
        if (buffer == null) {
            buffer = ByteBuffer.allocate(INITIAL_BUFFER);
        }
        Codecs.Codec codec = Codecs.take(); // not Proton-J's thread-local codec: see Codecs
        try {
            while (true) {
                buffer.clear();
                try {
                    write(codec.encoder(), new WritableBuffer.ByteBufferWrapper(buffer), proton);
                    return Arrays.copyOf(buffer.array(), buffer.position());
                } catch (BufferOverflowException e) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2);
                }
            }
        } finally {
            Codecs.give(codec);
            BUFFER.set(buffer.capacity() <= MAX_KEPT_BUFFER ? buffer : null);
        }
    }

    /** Writes the sections a message has, in the order AMQP 1.0 defines. */
    private static void write(EncoderImpl encoder, WritableBuffer out, org.apache.qpid.proton.message.Message m) {
        encoder.setByteBuffer(out);
        for (Object section : new Object[] {m.getHeader(), m.getDeliveryAnnotations(), m.getMessageAnnotations(),
                m.getProperties(), m.getApplicationProperties(), m.getBody(), m.getFooter()}) {
            if (section != null) {
                encoder.writeObject(section);
            }
        }
    }

    /**
     * Decodes a complete encoded message. A message this adapter cannot take whole, such as one
     * whose body has several sections, fails with a {@code DecodeException} that says why
     * (see {@link SectionReader}); so does one that is not valid AMQP.
     */
    public static Message decode(byte[] bytes, int length) {
        return fromProton(SectionReader.read(bytes, length));
    }

    static org.apache.qpid.proton.message.Message toProton(Message m) {
        org.apache.qpid.proton.message.Message p =
                org.apache.qpid.proton.message.Message.Factory.create();
        p.setHeader(header(m));
        p.setProperties(properties(m));
        if (!m.applicationProperties().isEmpty()) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.applicationProperties().forEach((k, v) -> map.put(k, AmqpValues.toProton(v)));
            p.setApplicationProperties(new ApplicationProperties(map));
        }
        if (!m.messageAnnotations().isEmpty()) {
            p.setMessageAnnotations(new MessageAnnotations(symbolMap(m.messageAnnotations())));
        }
        if (!m.deliveryAnnotations().isEmpty()) {
            p.setDeliveryAnnotations(new DeliveryAnnotations(symbolMap(m.deliveryAnnotations())));
        }
        if (!m.footer().isEmpty()) {
            p.setFooter(new Footer(symbolMap(m.footer())));
        }
        p.setBody(body(m));
        return p;
    }

    private static Header header(Message m) {
        if (!m.durable() && m.priority() == 4 && m.ttl() == null && !m.firstAcquirer()
                && m.deliveryCount() == 0) {
            return null;
        }
        Header h = new Header();
        h.setDurable(m.durable());
        h.setPriority(UnsignedByte.valueOf((byte) m.priority()));
        if (m.ttl() != null) {
            h.setTtl(UnsignedInteger.valueOf(m.ttl().toMillis()));
        }
        h.setFirstAcquirer(m.firstAcquirer());
        h.setDeliveryCount(UnsignedInteger.valueOf(m.deliveryCount()));
        return h;
    }

    private static Properties properties(Message m) {
        Properties p = new Properties();
        p.setMessageId(AmqpValues.idToProton(m.messageId()));
        p.setUserId(m.userId() == null ? null : new Binary(m.userId()));
        p.setTo(m.to());
        p.setSubject(m.subject());
        p.setReplyTo(m.replyTo());
        p.setCorrelationId(AmqpValues.idToProton(m.correlationId()));
        p.setContentType(m.contentType() == null ? null : Symbol.valueOf(m.contentType()));
        p.setContentEncoding(m.contentEncoding() == null ? null : Symbol.valueOf(m.contentEncoding()));
        p.setAbsoluteExpiryTime(m.absoluteExpiryTime() == null ? null
                : new Date(m.absoluteExpiryTime().toEpochMilli()));
        p.setCreationTime(m.creationTime() == null ? null : new Date(m.creationTime().toEpochMilli()));
        p.setGroupId(m.groupId());
        p.setGroupSequence(m.groupSequence() == null ? null : UnsignedInteger.valueOf(m.groupSequence()));
        p.setReplyToGroupId(m.replyToGroupId());
        return p;
    }

    private static Section body(Message m) {
        return switch (m.bodyType()) {
            case NONE -> null;
            case VALUE -> new AmqpValue(AmqpValues.toProton(m.body()));
            case DATA -> new Data(new Binary(m.bodyAsBytes()));
            case SEQUENCE -> new AmqpSequence((List<?>) AmqpValues.toProton(m.body()));
        };
    }

    private static Map<Symbol, Object> symbolMap(Map<String, Object> map) {
        Map<Symbol, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(Symbol.valueOf(k), AmqpValues.toProton(v)));
        return out;
    }

    static Message fromProton(org.apache.qpid.proton.message.Message p) {
        Message.Builder b = Message.builder();
        Header h = p.getHeader();
        if (h != null) {
            b.durable(Boolean.TRUE.equals(h.getDurable()));
            if (h.getPriority() != null) {
                b.priority(h.getPriority().intValue() & 0xFF);
            }
            if (h.getTtl() != null) {
                b.ttl(Duration.ofMillis(h.getTtl().longValue()));
            }
            b.firstAcquirer(Boolean.TRUE.equals(h.getFirstAcquirer()));
            if (h.getDeliveryCount() != null) {
                b.deliveryCount(h.getDeliveryCount().longValue());
            }
        }
        Properties props = p.getProperties();
        if (props != null) {
            readProperties(props, b);
        }
        if (p.getApplicationProperties() != null && p.getApplicationProperties().getValue() != null) {
            Map<?, ?> ap = p.getApplicationProperties().getValue();
            ap.forEach((k, v) -> b.applicationProperty(String.valueOf(k), AmqpValues.fromProton(v)));
        }
        if (p.getMessageAnnotations() != null) {
            stringMap(p.getMessageAnnotations().getValue()).forEach(b::messageAnnotation);
        }
        if (p.getDeliveryAnnotations() != null) {
            stringMap(p.getDeliveryAnnotations().getValue()).forEach(b::deliveryAnnotation);
        }
        if (p.getFooter() != null) {
            stringMap(p.getFooter().getValue()).forEach(b::footer);
        }
        readBody(p.getBody(), b);
        return b.build();
    }

    private static void readProperties(Properties props, Message.Builder b) {
        b.messageId(AmqpValues.idFromProton(props.getMessageId()));
        if (props.getUserId() != null) {
            b.userId((byte[]) AmqpValues.fromProton(props.getUserId()));
        }
        b.to(props.getTo());
        b.subject(props.getSubject());
        b.replyTo(props.getReplyTo());
        b.correlationId(AmqpValues.idFromProton(props.getCorrelationId()));
        b.contentType(props.getContentType() == null ? null : props.getContentType().toString());
        b.contentEncoding(props.getContentEncoding() == null ? null
                : props.getContentEncoding().toString());
        if (props.getAbsoluteExpiryTime() != null) {
            b.absoluteExpiryTime(props.getAbsoluteExpiryTime().toInstant());
        }
        if (props.getCreationTime() != null) {
            b.creationTime(props.getCreationTime().toInstant());
        }
        b.groupId(props.getGroupId());
        b.groupSequence(props.getGroupSequence() == null ? null : props.getGroupSequence().longValue());
        b.replyToGroupId(props.getReplyToGroupId());
    }

    private static void readBody(Section body, Message.Builder b) {
        if (body instanceof AmqpValue value) {
            b.bodyValue(AmqpValues.fromProton(value.getValue()));
        } else if (body instanceof Data data) {
            b.body((byte[]) AmqpValues.fromProton(data.getValue()));
        } else if (body instanceof AmqpSequence sequence) {
            b.bodySequence((List<?>) AmqpValues.fromProton(sequence.getValue()));
        }
    }

    private static Map<String, Object> stringMap(Map<?, ?> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), AmqpValues.fromProton(v)));
        return out;
    }
}
