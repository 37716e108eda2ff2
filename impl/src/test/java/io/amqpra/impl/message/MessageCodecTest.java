package io.amqpra.impl.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.amqpra.api.AmqpSymbol;
import io.amqpra.api.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static Message roundTrip(Message m) {
        byte[] bytes = MessageCodec.encode(m);
        return MessageCodec.decode(bytes, bytes.length);
    }

    @Test
    void everySectionSurvivesARoundTrip() {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        UUID correlation = UUID.randomUUID();
        Message sent = Message.builder()
                .body("hello")
                .durable(true).priority(7).ttl(Duration.ofSeconds(30)).firstAcquirer(true).deliveryCount(2)
                .messageId("id-1").userId(new byte[] {1, 2}).to("orders").subject("new").replyTo("replies")
                .correlationId(correlation).contentType("text/plain").contentEncoding("utf-8")
                .absoluteExpiryTime(created.plusSeconds(60)).creationTime(created)
                .groupId("g").groupSequence(3L).replyToGroupId("rg")
                .applicationProperty("count", 42).applicationProperty("flag", true)
                .applicationProperty("price", 9.5d).applicationProperty("name", "x")
                .messageAnnotation("x-opt-origin", AmqpSymbol.of("test"))
                .deliveryAnnotation("x-opt-hint", 1L)
                .footer("x-checksum", "abc")
                .build();
        Message got = roundTrip(sent);
        assertEquals("hello", got.bodyAsString());
        assertEquals(Message.BodyType.VALUE, got.bodyType());
        assertEquals(true, got.durable());
        assertEquals(7, got.priority());
        assertEquals(Duration.ofSeconds(30), got.ttl());
        assertEquals(true, got.firstAcquirer());
        assertEquals(2, got.deliveryCount());
        assertEquals("id-1", got.messageId());
        assertArrayEquals(new byte[] {1, 2}, got.userId());
        assertEquals("orders", got.to());
        assertEquals("new", got.subject());
        assertEquals("replies", got.replyTo());
        assertEquals(correlation, got.correlationId());
        assertEquals("text/plain", got.contentType());
        assertEquals("utf-8", got.contentEncoding());
        assertEquals(created.plusSeconds(60), got.absoluteExpiryTime());
        assertEquals(created, got.creationTime());
        assertEquals("g", got.groupId());
        assertEquals(3L, got.groupSequence());
        assertEquals("rg", got.replyToGroupId());
        assertEquals(Map.of("count", 42, "flag", true, "price", 9.5d, "name", "x"), got.applicationProperties());
        assertEquals(AmqpSymbol.of("test"), got.messageAnnotations().get("x-opt-origin"));
        assertEquals(1L, got.deliveryAnnotations().get("x-opt-hint"));
        assertEquals("abc", got.footer().get("x-checksum"));
    }

    @Test
    void bodyKindsSurvive() {
        assertArrayEquals(new byte[] {9, 8, 7}, roundTrip(Message.of(new byte[] {9, 8, 7})).bodyAsBytes());
        Map<String, Object> map = Map.of("k", List.of(1, "two", 3L));
        assertEquals(map, roundTrip(Message.builder().bodyValue(map).build()).body());
        assertEquals(List.of("a", 1), roundTrip(Message.builder().bodySequence(List.of("a", 1)).build()).body());
        assertEquals(Message.BodyType.SEQUENCE,
                roundTrip(Message.builder().bodySequence(List.of()).build()).bodyType());
        assertEquals(Message.BodyType.NONE, roundTrip(Message.builder().subject("s").build()).bodyType());
    }

    @Test
    void numericMessageIdsAreUnsignedLongsOnTheWire() {
        assertEquals(5L, roundTrip(Message.builder().messageId(5L).build()).messageId());
    }

    @Test
    void largeMessagesGrowTheBuffer() {
        byte[] big = new byte[3 * 1024 * 1024];
        big[big.length - 1] = 1;
        assertArrayEquals(big, roundTrip(Message.of(big)).bodyAsBytes());
    }
}
