package io.amqpra.demo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private static final String CF = "java:/amqp/ConnectionFactory";

    private static Instant at(long s) {
        return Instant.ofEpochSecond(1_700_000_000L + s);
    }

    private static List<String> texts(EventFeed feed) {
        return feed.lines().stream().map(EventLines.Line::text).toList();
    }

    @Test
    void aConnectionRetryingHasOneLineForItsLatestAttempt() {
        EventFeed feed = new EventFeed();
        feed.record(new ConnectionOpened(at(0), CF, "c1", "a:1", "broker", false));
        feed.record(new ConnectionOpened(at(0), "io.amqpra.demo.DemoConsumer", "c2", "b:1", "broker", false));
        feed.record(new ConnectionDisconnected(at(1), CF, "c1", "a:1", "reset", null, true));
        for (int attempt = 1; attempt <= 20; attempt++) {
            feed.record(new Reconnecting(at(1 + attempt), CF, "c1", attempt, "a:1", 100, "refused"));
        }
        feed.record(new ConnectionOpened(at(30), CF, "c1", "a:1", "broker", true));
        feed.record(new Reconnected(at(30), CF, "c1", "a:1", "a:1"));
        assertEquals(List.of(
                "Reconnected to a:1 after 20 attempts (java:/amqp/ConnectionFactory)",
                "Reconnecting to a:1 in 100 ms, attempt 20 (java:/amqp/ConnectionFactory)",
                "Lost the connection to a:1 (java:/amqp/ConnectionFactory): reset; reconnecting",
                "Connected to b:1 (DemoConsumer)",
                "Connected to a:1 (java:/amqp/ConnectionFactory)"), texts(feed));
    }

    @Test
    void keepsTheLatestLines() {
        EventFeed feed = new EventFeed();
        for (int i = 0; i < EventFeed.KEEP * 2; i++) {
            feed.record(new ConnectionOpened(at(i), CF, "c" + i, "a:" + i, "broker", false));
        }
        assertEquals(EventFeed.KEEP, feed.lines().size());
        assertEquals("Connected to a:" + (EventFeed.KEEP * 2 - 1) + " (java:/amqp/ConnectionFactory)",
                texts(feed).get(0));
    }
}
