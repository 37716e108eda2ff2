package io.amqpra.impl.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpSymbol;
import io.amqpra.api.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Footer;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.Properties;
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

    /**
     * AMQP allows a body of several data (or amqp-sequence) sections; a {@link Message} holds one.
     * Proton-J would keep the first and drop the rest, and the message would be accepted cut short.
     */
    @Test
    void severalDataSectionsAreRefusedNotCutToTheFirst() {
        Properties properties = new Properties();
        properties.setSubject("parts");
        byte[] bytes = Sections.encode(properties, new Data(new Binary(new byte[] {1, 2})),
                new Data(new Binary(new byte[] {3, 4})));
        RuntimeException e = assertThrows(RuntimeException.class, () -> MessageCodec.decode(bytes, bytes.length));
        assertTrue(e.getMessage().contains("2 body sections"), e.getMessage());
    }

    @Test
    void severalSequenceSectionsAreRefusedCountingThemAll() {
        byte[] bytes = Sections.encode(new AmqpSequence(List.of("a")), new AmqpSequence(List.of("b")),
                new AmqpSequence(List.of("c")), new Footer(Map.of(Symbol.valueOf("x-sum"), "abc")));
        RuntimeException e = assertThrows(RuntimeException.class, () -> MessageCodec.decode(bytes, bytes.length));
        assertTrue(e.getMessage().contains("3 body sections"), e.getMessage());
    }

    /** Proton-J's decoder would stop at the misplaced header and drop the body after it. */
    @Test
    void aSectionOutOfOrderIsRefusedNotDroppedWithWhatFollows() {
        byte[] bytes = Sections.encode(new Properties(), new Header(), new AmqpValue("lost"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> MessageCodec.decode(bytes, bytes.length));
        assertTrue(e.getMessage().contains("a header section after its properties section"), e.getMessage());
    }

    @Test
    void aValueThatIsNoSectionIsRefused() {
        byte[] bytes = Sections.encode(new AmqpValue("body"));
        byte[] withString = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        System.arraycopy(new byte[] {(byte) 0xa1, 1, 'x'}, 0, withString, bytes.length, 3); // str8 "x"
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> MessageCodec.decode(withString, withString.length));
        assertTrue(e.getMessage().contains("a String where a section belongs"), e.getMessage());
    }

    @Test
    void oneBodySectionBetweenTheOthersDecodesWhole() {
        Header header = new Header();
        header.setDurable(true);
        byte[] bytes = Sections.encode(header, new ApplicationProperties(Map.of("k", "v")),
                new Data(new Binary(new byte[] {5, 6})), new Footer(Map.of(Symbol.valueOf("x-sum"), "abc")));
        Message got = MessageCodec.decode(bytes, bytes.length);
        assertTrue(got.durable());
        assertEquals("v", got.applicationProperties().get("k"));
        assertArrayEquals(new byte[] {5, 6}, got.bodyAsBytes());
        assertEquals("abc", got.footer().get("x-sum"));
    }

    /** Values of AMQP types that have no Java type of their own come out as documented on Message. */
    @Test
    void unsignedValuesAndArraysFromThePeerDecodeAsTheApiDocuments() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("uint", UnsignedInteger.valueOf(4_000_000_000L));
        properties.put("ubyte", UnsignedByte.valueOf((byte) 200));
        properties.put("ints", new Integer[] {1, 2, 3});
        properties.put("strings", new String[] {"x", "y"});
        byte[] bytes = Sections.encode(new ApplicationProperties(properties),
                new AmqpValue(List.of(UnsignedInteger.valueOf(7), UnsignedByte.valueOf((byte) 255))));
        Message got = MessageCodec.decode(bytes, bytes.length);
        assertEquals(4_000_000_000L, got.applicationProperties().get("uint"));
        assertEquals((short) 200, got.applicationProperties().get("ubyte"));
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) got.applicationProperties().get("ints"));
        assertArrayEquals(new String[] {"x", "y"}, (String[]) got.applicationProperties().get("strings"));
        assertEquals(List.of(7L, (short) 255), got.body());
    }
}
