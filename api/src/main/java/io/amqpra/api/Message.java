package io.amqpra.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    private final BodyType bodyType;
    private final Object body;
    private final Header header;
    private final Properties properties;
    private final Map<String, Object> applicationProperties;
    private final Map<String, Object> messageAnnotations;
    private final Map<String, Object> deliveryAnnotations;
    private final Map<String, Object> footer;

    private Message(Builder b) {
        this.bodyType = b.bodyType;
        this.body = b.body;
        this.header = new Header(b.durable, b.priority, b.ttl, b.firstAcquirer, b.deliveryCount);
        this.properties = b.properties.build();
        this.applicationProperties = freeze(b.applicationProperties);
        this.messageAnnotations = freeze(b.messageAnnotations);
        this.deliveryAnnotations = freeze(b.deliveryAnnotations);
        this.footer = freeze(b.footer);
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
        return new Builder();
    }

    /** A builder that starts from a copy of this message. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bodyType = bodyType;
        b.body = body;
        b.durable = header.durable;
        b.priority = header.priority;
        b.ttl = header.ttl;
        b.firstAcquirer = header.firstAcquirer;
        b.deliveryCount = header.deliveryCount;
        b.properties.copyFrom(properties);
        b.applicationProperties.putAll(applicationProperties);
        b.messageAnnotations.putAll(messageAnnotations);
        b.deliveryAnnotations.putAll(deliveryAnnotations);
        b.footer.putAll(footer);
        return b;
    }

    public BodyType bodyType() {
        return bodyType;
    }

    /**
     * The body: a value for {@link BodyType#VALUE}, a {@code byte[]} copy for
     * {@link BodyType#DATA}, a {@code List} for {@link BodyType#SEQUENCE}, {@code null} for none.
     */
    public Object body() {
        return body instanceof byte[] bytes ? bytes.clone() : body;
    }

    /** The body as a string if it is a string value, and {@code null} otherwise. */
    public String bodyAsString() {
        return body instanceof String s ? s : null;
    }

    /** The body bytes if it is a {@code data} section, and {@code null} otherwise. */
    public byte[] bodyAsBytes() {
        return bodyType == BodyType.DATA ? ((byte[]) body).clone() : null;
    }

    public boolean durable() {
        return header.durable;
    }

    /** Priority 0..255; 4 unless set. */
    public int priority() {
        return header.priority;
    }

    /** Time to live, or {@code null} if the message does not expire. */
    public Duration ttl() {
        return header.ttl;
    }

    public boolean firstAcquirer() {
        return header.firstAcquirer;
    }

    /** Failed delivery attempts so far, as the sender's header reported. */
    public long deliveryCount() {
        return header.deliveryCount;
    }

    public Object messageId() {
        return properties.messageId;
    }

    public byte[] userId() {
        return properties.userId == null ? null : properties.userId.clone();
    }

    public String to() {
        return properties.to;
    }

    public String subject() {
        return properties.subject;
    }

    public String replyTo() {
        return properties.replyTo;
    }

    public Object correlationId() {
        return properties.correlationId;
    }

    public String contentType() {
        return properties.contentType;
    }

    public String contentEncoding() {
        return properties.contentEncoding;
    }

    public Instant absoluteExpiryTime() {
        return properties.absoluteExpiryTime;
    }

    public Instant creationTime() {
        return properties.creationTime;
    }

    public String groupId() {
        return properties.groupId;
    }

    public Long groupSequence() {
        return properties.groupSequence;
    }

    public String replyToGroupId() {
        return properties.replyToGroupId;
    }

    /** Application properties, in the order they were added; never {@code null}. */
    public Map<String, Object> applicationProperties() {
        return applicationProperties;
    }

    /** Message annotations (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> messageAnnotations() {
        return messageAnnotations;
    }

    /** Delivery annotations (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> deliveryAnnotations() {
        return deliveryAnnotations;
    }

    /** Footer (symbol keys on the wire); never {@code null}. */
    public Map<String, Object> footer() {
        return footer;
    }

    @Override
    public String toString() {
        return "Message[id=" + properties.messageId + ", to=" + properties.to + ", subject="
                + properties.subject + ", body=" + bodyType + "]";
    }

    private static Map<String, Object> freeze(Map<String, Object> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private record Header(boolean durable, int priority, Duration ttl, boolean firstAcquirer,
                          long deliveryCount) {
    }

    private record Properties(Object messageId, byte[] userId, String to, String subject,
                              String replyTo, Object correlationId, String contentType,
                              String contentEncoding, Instant absoluteExpiryTime,
                              Instant creationTime, String groupId, Long groupSequence,
                              String replyToGroupId) {
    }

    private static final class PropertiesBuilder {
        Object messageId;
        byte[] userId;
        String to;
        String subject;
        String replyTo;
        Object correlationId;
        String contentType;
        String contentEncoding;
        Instant absoluteExpiryTime;
        Instant creationTime;
        String groupId;
        Long groupSequence;
        String replyToGroupId;

        void copyFrom(Properties p) {
            messageId = p.messageId;
            userId = p.userId;
            to = p.to;
            subject = p.subject;
            replyTo = p.replyTo;
            correlationId = p.correlationId;
            contentType = p.contentType;
            contentEncoding = p.contentEncoding;
            absoluteExpiryTime = p.absoluteExpiryTime;
            creationTime = p.creationTime;
            groupId = p.groupId;
            groupSequence = p.groupSequence;
            replyToGroupId = p.replyToGroupId;
        }

        Properties build() {
            return new Properties(messageId, userId, to, subject, replyTo, correlationId,
                    contentType, contentEncoding, absoluteExpiryTime, creationTime, groupId,
                    groupSequence, replyToGroupId);
        }
    }

    /** Builds a {@link Message}. Not thread-safe; each {@link #build()} takes a snapshot. */
    public static final class Builder {
        private BodyType bodyType = BodyType.NONE;
        private Object body;
        private boolean durable;
        private int priority = 4;
        private Duration ttl;
        private boolean firstAcquirer;
        private long deliveryCount;
        private final PropertiesBuilder properties = new PropertiesBuilder();
        private final Map<String, Object> applicationProperties = new LinkedHashMap<>();
        private final Map<String, Object> messageAnnotations = new LinkedHashMap<>();
        private final Map<String, Object> deliveryAnnotations = new LinkedHashMap<>();
        private final Map<String, Object> footer = new LinkedHashMap<>();

        private Builder() {
        }

        /** A string body ({@code amqp-value}). */
        public Builder body(String text) {
            return bodyValue(text);
        }

        /** A binary body ({@code data} section). The bytes are copied. */
        public Builder body(byte[] data) {
            Objects.requireNonNull(data, "data");
            this.bodyType = BodyType.DATA;
            this.body = data.clone();
            return this;
        }

        /** Any AMQP value as the body ({@code amqp-value}): a primitive, list or map. */
        public Builder bodyValue(Object value) {
            this.bodyType = BodyType.VALUE;
            this.body = value;
            return this;
        }

        /** A list of values as the body ({@code amqp-sequence}). */
        public Builder bodySequence(List<?> values) {
            Objects.requireNonNull(values, "values");
            this.bodyType = BodyType.SEQUENCE;
            this.body = List.copyOf(values);
            return this;
        }

        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** Priority 0..255. */
        public Builder priority(int priority) {
            if (priority < 0 || priority > 255) {
                throw new IllegalArgumentException("priority must be 0..255, was " + priority);
            }
            this.priority = priority;
            return this;
        }

        /** Time to live; {@code null} for none. */
        public Builder ttl(Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.toMillis() > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("ttl must be 0..2^32-1 ms, was " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        public Builder firstAcquirer(boolean firstAcquirer) {
            this.firstAcquirer = firstAcquirer;
            return this;
        }

        public Builder deliveryCount(long deliveryCount) {
            this.deliveryCount = deliveryCount;
            return this;
        }

        /** A {@code String}, {@code UUID}, {@code Long} (ulong) or {@code byte[]}. */
        public Builder messageId(Object messageId) {
            properties.messageId = checkId("messageId", messageId);
            return this;
        }

        public Builder userId(byte[] userId) {
            properties.userId = userId == null ? null : userId.clone();
            return this;
        }

        public Builder to(String to) {
            properties.to = to;
            return this;
        }

        public Builder subject(String subject) {
            properties.subject = subject;
            return this;
        }

        public Builder replyTo(String replyTo) {
            properties.replyTo = replyTo;
            return this;
        }

        /** A {@code String}, {@code UUID}, {@code Long} (ulong) or {@code byte[]}. */
        public Builder correlationId(Object correlationId) {
            properties.correlationId = checkId("correlationId", correlationId);
            return this;
        }

        public Builder contentType(String contentType) {
            properties.contentType = contentType;
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            properties.contentEncoding = contentEncoding;
            return this;
        }

        public Builder absoluteExpiryTime(Instant time) {
            properties.absoluteExpiryTime = time;
            return this;
        }

        public Builder creationTime(Instant time) {
            properties.creationTime = time;
            return this;
        }

        public Builder groupId(String groupId) {
            properties.groupId = groupId;
            return this;
        }

        public Builder groupSequence(Long groupSequence) {
            properties.groupSequence = groupSequence;
            return this;
        }

        public Builder replyToGroupId(String replyToGroupId) {
            properties.replyToGroupId = replyToGroupId;
            return this;
        }

        public Builder applicationProperty(String name, Object value) {
            applicationProperties.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder messageAnnotation(String name, Object value) {
            messageAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder deliveryAnnotation(String name, Object value) {
            deliveryAnnotations.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Builder footer(String name, Object value) {
            footer.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public Message build() {
            return new Message(this);
        }

        private static Object checkId(String what, Object id) {
            if (id == null || id instanceof String || id instanceof java.util.UUID
                    || id instanceof Long) {
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
