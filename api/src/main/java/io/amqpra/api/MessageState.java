package io.amqpra.api;

import io.amqpra.api.Message.BodyType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fields of a {@link Message}, declared once for both the message and its builder. A builder
 * fills its own instance; each message keeps a copy, held in a final field, and never changes it.
 * Copies are shallow but for the four maps: field values are shared, and neither a builder nor a
 * message changes them in place (a builder replaces them, and copies arrays it is given).
 */
final class MessageState implements Cloneable {
    BodyType bodyType = BodyType.NONE;
    Object body;
    // header section
    boolean durable;
    int priority = 4;
    Duration ttl;
    boolean firstAcquirer;
    long deliveryCount;
    // properties section
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
    // map sections, modifiable while a builder owns the state
    Map<String, Object> applicationProperties = new LinkedHashMap<>();
    Map<String, Object> messageAnnotations = new LinkedHashMap<>();
    Map<String, Object> deliveryAnnotations = new LinkedHashMap<>();
    Map<String, Object> footer = new LinkedHashMap<>();

    /** A copy for a message: its maps are unmodifiable, and empty ones are {@link Map#of()}. */
    MessageState frozenCopy() {
        return copy(map -> map.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }

    /** A copy for a builder: its maps are its own and modifiable. */
    MessageState modifiableCopy() {
        return copy(LinkedHashMap::new);
    }

    private MessageState copy(UnaryOperator<Map<String, Object>> copyMap) {
        MessageState copy;
        try {
            copy = (MessageState) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        copy.applicationProperties = copyMap.apply(applicationProperties);
        copy.messageAnnotations = copyMap.apply(messageAnnotations);
        copy.deliveryAnnotations = copyMap.apply(deliveryAnnotations);
        copy.footer = copyMap.apply(footer);
        return copy;
    }
}
