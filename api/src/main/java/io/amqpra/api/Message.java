package io.amqpra.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An immutable AMQP 1.0 message: header, annotations, properties, application properties, body
 * and footer (section 3.2 of the specification).
 *
 * <p>Values in the body, in application properties and in annotations are Java types that map to
 * AMQP types: {@code String}, {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code Character}, {@code java.util.UUID},
 * {@code Instant} (timestamp), {@code byte[]} (binary), {@link AmqpSymbol}, {@code List} and
 * {@code Map}. Received unsigned values arrive as the next larger signed type.
 *
 * <pre>{@code
 * Message message = Message.builder()
 *         .body("order 42")
 *         .messageId("order-42")
 *         .subject("new-order")
 *         .applicationProperty("priority-customer", true)
 *         .durable(true)
 *         .build();
 * }</pre>
 */
public final class Message {

    /** Which body section the message has. */
    public enum BodyType {
        /** No body section. */
        NONE,
        /** One {@code amqp-value} section: a string, a primitive, a list or a map. */
        VALUE,
        /** One {@code data} section: opaque bytes. */
        DATA,
        /** One {@code amqp-sequence} section: a list of values. */
        SEQUENCE
    }

    private final MessageState state;

    private Message(MessageState state) {
        this.state = state;
    }

    /** A message whose body is the given string (an {@code amqp-value} section). */
    public static Message of(String text) {
        return builder().body(text).build();
    }

    /** A message whose body is the given bytes (a {@code data} section). */
    public static Message of(byte[] data) {
        return builder().body(data).build();
    }

    public static Builder builder() {
        return new Builder(new MessageState());
    }

    /** A builder that starts from a copy of this message. */
    public Builder toBuilder() {
        return new Builder(state.modifiableCopy());
    }

    public BodyType bodyType() {
        return state.bodyType;
    }

    /**
     * The body: a value for {@link BodyType#VALUE}, a {@code byte[]} copy for
     * {@link BodyType#DATA}, a {@code List} for {@link BodyType#SEQUENCE}, {@code null} for none.
     */
    public Object body() {
        return state.body instanceof byte[] bytes ? bytes.clone() : state.body;
    }

    /** The body as a string if it is a string value, and {@code null} otherwise. */
    public String bodyAsString() {
        return state.body instanceof String s ? s : null;
    }

    /** The body bytes if it is a {@code data} section, and {@code null} otherwise. */
    public byte[] bodyAsBytes() {
        return state.bodyType == BodyType.DATA ? ((byte[]) state.body).clone() : null;
    }

    public boolean durable() {
        return state.durable;
    }

    /** Priority 0..255; 4 unless set. */
    public int priority() {
        return state.priority;
    }

    /** Time to live, or {@code null} if the message does not expire. */
    public Duration ttl() {
        return state.ttl;
    }

    public boolean firstAcquirer() {
        return state.firstAcquirer;
    }

    /** Failed delivery attempts so far, as the sender's header reported. */
    public long deliveryCount() {
        return state.deliveryCount;
    }

    public Object messageId() {
        return state.messageId;
    }

    public byte[] userId() {
        return state.userId == null ? null : state.userId.clone();
    }

    public String to() {
        return state.to;
    }

    public String subject() {
        return state.subject;
    }

    public String replyTo() {
        return state.replyTo;
    }

    public Object correlationId() {
        return state.correlationId;
    }

    public String contentType() {
        return state.contentType;
    }

    public String contentEncoding() {
        return state.contentEncoding;
    }

    public Instant absoluteExpiryTime() {
        return state.absoluteExpiryTime;
    }

    public Instant creationTime() {
        return state.creationTime;
    }

    public String groupId() {
        return state.groupId;
    }

    public Long groupSequence() {
        return state.groupSequence;
    }

    public String replyToGroupId() {
        return state.replyToGroupId;
    }

    /** Application properties, in the order they were added; never {@code null}. */
    public Map<String, Object> applicationProperties() {
        return state.applicationProperties;
    }

    /** Message annotations (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> messageAnnotations() {
        return state.messageAnnotations;
    }

    /** Delivery annotations (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> deliveryAnnotations() {
        return state.deliveryAnnotations;
    }

    /** Footer (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> footer() {
        return state.footer;
    }

    @Override
    public String toString() {
        return "Message[id=" + state.messageId + ", to=" + state.to + ", subject="
                + state.subject + ", body=" + state.bodyType + "]";
    }

    /** Builds a {@link Message}. Not thread-safe; each {@link #build()} takes a snapshot. */
    public static final class Builder {
        private final MessageState state;

        private Builder(MessageState state) {
            this.state = state;
        }

        /** A string body ({@code amqp-value}). */
        public Builder body(String text) {
            return bodyValue(text);
        }

        /** A binary body ({@code data} section). The bytes are copied. */
        public Builder body(byte[] data) {
            Objects.requireNonNull(data, "data");
            state.bodyType = BodyType.DATA;
            state.body = data.clone();
            return this;
        }

        /** Any AMQP value as the body ({@code amqp-value}): a primitive, list or map. */
        public Builder bodyValue(Object value) {
            state.bodyType = BodyType.VALUE;
            state.body = value;
            return this;
        }

        /** A list of values as the body ({@code amqp-sequence}). */
        public Builder bodySequence(List<?> values) {
            Objects.requireNonNull(values, "values");
            state.bodyType = BodyType.SEQUENCE;
            state.body = List.copyOf(values);
            return this;
        }

        public Builder durable(boolean durable) {
            state.durable = durable;
            return this;
        }

        /** Priority 0..255. */
        public Builder priority(int priority) {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255, was " + priority);
            }
            state.priority = priority;
            return this;
        }

        /** Time to live; {@code null} for none. */
        public Builder ttl(Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.toMillis() > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("ttl must be 0..2^32-1 ms, was " + ttl);
            }
            state.ttl = ttl;
            return this;
        }

        public Builder firstAcquirer(boolean firstAcquirer) {
            state.firstAcquirer = firstAcquirer;
            return this;
        }

        public Builder deliveryCount(long deliveryCount) {
            state.deliveryCount = deliveryCount;
            return this;
        }

        /** A {@code String}, {@code UUID}, {@code Long} (ulong) or {@code byte[]}. */
        public Builder messageId(Object messageId) {
            state.messageId = checkId("messageId", messageId);
            return this;
        }

        public Builder userId(byte[] userId) {
            state.userId = userId == null ? null : userId.clone();
            return this;
        }

        public Builder to(String to) {
            state.to = to;
            return this;
        }

        public Builder subject(String subject) {
            state.subject = subject;
            return this;
        }

        public Builder replyTo(String replyTo) {
            state.replyTo = replyTo;
            return this;
        }

        /** A {@code String}, {@code UUID}, {@code Long} (ulong) or {@code byte[]}. */
        public Builder correlationId(Object correlationId) {
            state.correlationId = checkId("correlationId", correlationId);
            return this;
        }

        public Builder contentType(String contentType) {
            state.contentType = contentType;
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            state.contentEncoding = contentEncoding;
            return this;
        }

        public Builder absoluteExpiryTime(Instant time) {
            state.absoluteExpiryTime = time;
            return this;
        }

        public Builder creationTime(Instant time) {
            state.creationTime = time;
            return this;
        }

        public Builder groupId(String groupId) {
            state.groupId = groupId;
            return this;
        }

        public Builder groupSequence(Long groupSequence) {
            state.groupSequence = groupSequence;
            return this;
        }

        public Builder replyToGroupId(String replyToGroupId) {
            state.replyToGroupId = replyToGroupId;
            return this;
        }

        public Builder applicationProperty(String name, Object value) {
            state.applicationProperties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder messageAnnotation(String name, Object value) {
            state.messageAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder deliveryAnnotation(String name, Object value) {
            state.deliveryAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder footer(String name, Object value) {
            state.footer.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Message build() {
            return new Message(state.frozenCopy());
        }

        private static Object checkId(String what, Object id) {
            if (id == null || id instanceof String || id instanceof UUID || id instanceof Long) {
                return id;
            }
            if (id instanceof byte[] bytes) {
                return bytes.clone();
            }
            throw new IllegalArgumentException(what + " must be a String, UUID, Long or byte[], was "
                    + id.getClass().getName());
        }
    }
}
