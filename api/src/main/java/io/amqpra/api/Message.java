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
 * {@code Map}. Received unsigned values arrive as the next larger signed type. A value of any other
 * type is accepted by the builder but fails the send with an {@link AmqpException}.
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

    /** A message whose body is the given string (an {@code amqp-value} section; {@code null} sends a null value). */
    public static Message of(String text) {
        return builder().body(text).build();
    }

    /** A message whose body is a copy of the given bytes (a {@code data} section); {@code null} throws NPE. */
    public static Message of(byte[] data) {
        return builder().body(data).build();
    }

    /** A new builder with no body, no properties and the header defaults (priority 4, not durable). */
    public static Builder builder() {
        return new Builder(new MessageState());
    }

    /** A builder that starts from a copy of this message. */
    public Builder toBuilder() {
        return new Builder(state.modifiableCopy());
    }

    /** Which body section the message has; never {@code null} ({@link BodyType#NONE} when it has none). */
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

    /** The header's {@code durable} flag: whether peers must keep the message across restarts; false unless set. */
    public boolean durable() {
        return state.durable;
    }

    /** The header's {@code priority}, 0..255 (higher is more urgent); 4 unless set. */
    public int priority() {
        return state.priority;
    }

    /** The header's {@code ttl} (milliseconds on the wire), or {@code null} if the message does not expire. */
    public Duration ttl() {
        return state.ttl;
    }

    /** The header's {@code first-acquirer} flag: true if no other link acquired the message; false unless set. */
    public boolean firstAcquirer() {
        return state.firstAcquirer;
    }

    /** The header's {@code delivery-count}: failed delivery attempts so far, as the sender reported; 0 unless set. */
    public long deliveryCount() {
        return state.deliveryCount;
    }

    /** The properties section's {@code message-id}: a String, UUID, Long (ulong) or byte[], or {@code null}. */
    public Object messageId() {
        return state.messageId;
    }

    /** A copy of the properties section's {@code user-id} (who produced the message), or {@code null}. */
    public byte[] userId() {
        return state.userId == null ? null : state.userId.clone();
    }

    /** The properties section's {@code to}, the intended address (not set by {@code send}), or {@code null}. */
    public String to() {
        return state.to;
    }

    /** The properties section's {@code subject}, an application-defined summary, or {@code null}. */
    public String subject() {
        return state.subject;
    }

    /** The properties section's {@code reply-to}: the address to send replies to, or {@code null}. */
    public String replyTo() {
        return state.replyTo;
    }

    /** The properties section's {@code correlation-id}, typed like {@link #messageId()}, or {@code null}. */
    public Object correlationId() {
        return state.correlationId;
    }

    /** The properties section's {@code content-type}, a MIME type sent as a symbol, or {@code null}. */
    public String contentType() {
        return state.contentType;
    }

    /** The properties section's {@code content-encoding}, such as {@code gzip} (a symbol), or {@code null}. */
    public String contentEncoding() {
        return state.contentEncoding;
    }

    /** The properties section's {@code absolute-expiry-time} (milliseconds on the wire), or {@code null}. */
    public Instant absoluteExpiryTime() {
        return state.absoluteExpiryTime;
    }

    /** The properties section's {@code creation-time} (milliseconds on the wire), or {@code null}. */
    public Instant creationTime() {
        return state.creationTime;
    }

    /** The properties section's {@code group-id}: the group the message belongs to, or {@code null}. */
    public String groupId() {
        return state.groupId;
    }

    /** The properties section's {@code group-sequence}: its position in the group (0..2^32-1), or {@code null}. */
    public Long groupSequence() {
        return state.groupSequence;
    }

    /** The properties section's {@code reply-to-group-id}: the group replies belong to, or {@code null}. */
    public String replyToGroupId() {
        return state.replyToGroupId;
    }

    /** Application properties, in the order they were added; unmodifiable, never {@code null}. */
    public Map<String, Object> applicationProperties() {
        return state.applicationProperties;
    }

    /** Message annotations (symbol keys on the wire); unmodifiable, never {@code null}. */
    public Map<String, Object> messageAnnotations() {
        return state.messageAnnotations;
    }

    /** Delivery annotations (symbol keys on the wire); unmodifiable, never {@code null}. */
    public Map<String, Object> deliveryAnnotations() {
        return state.deliveryAnnotations;
    }

    /** Footer (symbol keys on the wire); unmodifiable, never {@code null}. */
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

        /** Sets a string body ({@code amqp-value}), replacing any other; {@code null} sends a null value. */
        public Builder body(String text) {
            return bodyValue(text);
        }

        /** Sets a {@code data} section body, replacing any other; the bytes are copied, {@code null} throws NPE. */
        public Builder body(byte[] data) {
            Objects.requireNonNull(data, "data");
            state.bodyType = BodyType.DATA;
            state.body = data.clone();
            return this;
        }

        /** Sets any AMQP value as the {@code amqp-value} body, replacing any other; not copied, may be {@code null}. */
        public Builder bodyValue(Object value) {
            state.bodyType = BodyType.VALUE;
            state.body = value;
            return this;
        }

        /** Sets a copy of the list as the body ({@code amqp-sequence}); a {@code null} list or element throws NPE. */
        public Builder bodySequence(List<?> values) {
            Objects.requireNonNull(values, "values");
            state.bodyType = BodyType.SEQUENCE;
            state.body = List.copyOf(values);
            return this;
        }

        /** Sets the header's {@code durable} flag (default false): whether peers must keep it across restarts. */
        public Builder durable(boolean durable) {
            state.durable = durable;
            return this;
        }

        /** Sets the header's {@code priority} (default 4); outside 0..255 throws IllegalArgumentException. */
        public Builder priority(int priority) {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255, was " + priority);
            }
            state.priority = priority;
            return this;
        }

        /** Sets the header's {@code ttl} ({@code null}: none); outside 0..2^32-1 ms throws IllegalArgumentException. */
        public Builder ttl(Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.toMillis() > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("ttl must be 0..2^32-1 ms, was " + ttl);
            }
            state.ttl = ttl;
            return this;
        }

        /** Sets the header's {@code first-acquirer} flag (default false): true claims no other link acquired it. */
        public Builder firstAcquirer(boolean firstAcquirer) {
            state.firstAcquirer = firstAcquirer;
            return this;
        }

        /** Sets the header's {@code delivery-count} (default 0); outside 0..2^32-1 fails the send (AmqpException). */
        public Builder deliveryCount(long deliveryCount) {
            state.deliveryCount = deliveryCount;
            return this;
        }

        /** Sets the {@code message-id}: String, UUID, Long (ulong), byte[] (copied) or null; else IllegalArgumentException. */
        public Builder messageId(Object messageId) {
            state.messageId = checkId("messageId", messageId);
            return this;
        }

        /** Sets the properties section's {@code user-id}; the bytes are copied, {@code null} clears it. */
        public Builder userId(byte[] userId) {
            state.userId = userId == null ? null : userId.clone();
            return this;
        }

        /** Sets the properties section's {@code to} address; {@code null} (the default) clears it. */
        public Builder to(String to) {
            state.to = to;
            return this;
        }

        /** Sets the properties section's {@code subject}; {@code null} (the default) clears it. */
        public Builder subject(String subject) {
            state.subject = subject;
            return this;
        }

        /** Sets the properties section's {@code reply-to} address; {@code null} (the default) clears it. */
        public Builder replyTo(String replyTo) {
            state.replyTo = replyTo;
            return this;
        }

        /** Sets the {@code correlation-id}, typed as {@link #messageId(Object)}; else IllegalArgumentException. */
        public Builder correlationId(Object correlationId) {
            state.correlationId = checkId("correlationId", correlationId);
            return this;
        }

        /** Sets the properties section's {@code content-type} (a MIME type, ASCII); {@code null} clears it. */
        public Builder contentType(String contentType) {
            state.contentType = contentType;
            return this;
        }

        /** Sets the {@code content-encoding} (ASCII, such as {@code gzip}); {@code null} (the default) clears it. */
        public Builder contentEncoding(String contentEncoding) {
            state.contentEncoding = contentEncoding;
            return this;
        }

        /** Sets the {@code absolute-expiry-time}, sent with millisecond precision; {@code null} clears it. */
        public Builder absoluteExpiryTime(Instant time) {
            state.absoluteExpiryTime = time;
            return this;
        }

        /** Sets the {@code creation-time}, sent with millisecond precision; {@code null} clears it. */
        public Builder creationTime(Instant time) {
            state.creationTime = time;
            return this;
        }

        /** Sets the properties section's {@code group-id}; {@code null} (the default) clears it. */
        public Builder groupId(String groupId) {
            state.groupId = groupId;
            return this;
        }

        /** Sets the {@code group-sequence} ({@code null} clears it); outside 0..2^32-1 fails the send (AmqpException). */
        public Builder groupSequence(Long groupSequence) {
            state.groupSequence = groupSequence;
            return this;
        }

        /** Sets the properties section's {@code reply-to-group-id}; {@code null} (the default) clears it. */
        public Builder replyToGroupId(String replyToGroupId) {
            state.replyToGroupId = replyToGroupId;
            return this;
        }

        /** Adds or replaces an application property (value may be {@code null}); a {@code null} name throws NPE. */
        public Builder applicationProperty(String name, Object value) {
            state.applicationProperties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds or replaces a message annotation (name sent as a symbol); a {@code null} name throws NPE. */
        public Builder messageAnnotation(String name, Object value) {
            state.messageAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds or replaces a delivery annotation, for the next hop only; a {@code null} name throws NPE. */
        public Builder deliveryAnnotation(String name, Object value) {
            state.deliveryAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds or replaces a footer entry (name sent as a symbol); a {@code null} name throws NPE. */
        public Builder footer(String name, Object value) {
            state.footer.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** A new immutable message of the fields set so far; later changes to this builder do not affect it. */
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
