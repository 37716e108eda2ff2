package io.amqpra.demo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.ListenerStarted;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.event.ReconnectGivenUp;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventLinesTest {

    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final String BEAN = "io.amqpra.demo.DemoConsumer";

    @Test
    void aReconnectSaysWhereAndAfterHowManyAttempts() {
        EventLines.Line line = EventLines.of(new Reconnected(AT, BEAN, "c1", "127.0.0.1:5673", "127.0.0.1:5673"), 2);
        assertEquals(new EventLines.Line(AT.toEpochMilli(), EventLines.Level.GOOD,
                "Reconnected to 127.0.0.1:5673 after 2 attempts (DemoConsumer)"), line);
    }

    @Test
    void aFailoverNamesBothEndpoints() {
        assertEquals("Failed over from a:5672 to b:5672 after 1 attempt (java:/amqp/ConnectionFactory)",
                EventLines.of(new Reconnected(AT, "java:/amqp/ConnectionFactory", "c1", "a:5672", "b:5672"), 1).text());
    }

    @Test
    void theOpenThatComesWithAReconnectIsNotSaidTwice() {
        assertNull(EventLines.of(new ConnectionOpened(AT, BEAN, "c1", "h:1", "broker", true), 0));
        assertEquals("Connected to h:1 (DemoConsumer)",
                EventLines.of(new ConnectionOpened(AT, BEAN, "c1", "h:1", "broker", false), 0).text());
    }

    @Test
    void lossesAndAttemptsAreWarningsAndGivingUpIsBad() {
        EventLines.Line lost = EventLines.of(new ConnectionDisconnected(AT, BEAN, "c1", "h:1",
                "AMQPRA0031: connection reset", null, true), 0);
        assertEquals("Lost the connection to h:1 (DemoConsumer): AMQPRA0031: connection reset; reconnecting",
                lost.text());
        assertEquals(EventLines.Level.WARN, lost.level());
        assertEquals("Reconnecting to h:1 in 250 ms, attempt 3 (DemoConsumer)",
                EventLines.of(new Reconnecting(AT, BEAN, "c1", 3, "h:1", 250, "refused"), 0).text());
        assertEquals(EventLines.Level.BAD,
                EventLines.of(new ReconnectGivenUp(AT, BEAN, "c1", 5, "refused"), 0).level());
    }

    @Test
    void listenersAndPeersAreSaidPlainly() {
        assertEquals("Listening on 0.0.0.0:5672 for 'demo,demo.*' (DemoListener)", EventLines.of(
                new ListenerStarted(AT, "io.amqpra.demo.DemoListener", "demo,demo.*", "0.0.0.0", 5672), 0).text());
        assertEquals("Peer rhea-1 connected from /127.0.0.1:40000 to port 5672 as alice", EventLines.of(
                new PeerConnectionOpened(AT, "io.amqpra.demo.DemoListener", "demo", 5672, "/127.0.0.1:40000",
                        "rhea-1", "alice"), 0).text());
    }

    @Test
    void shortensQualifiedClassNamesButNotHostsOrAddresses() {
        assertEquals("DemoConsumer from demo.orders",
                EventLines.shorten("io.amqpra.demo.DemoConsumer from demo.orders"));
        assertEquals("broker.example.com:5672", EventLines.shorten("broker.example.com:5672"));
    }
}
