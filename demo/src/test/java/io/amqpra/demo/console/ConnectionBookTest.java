package io.amqpra.demo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.event.ConnectionClosed;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.ListenerStopped;
import io.amqpra.api.event.PeerConnectionClosed;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionBookTest {

    private static final String CF = "java:/amqp/ConnectionFactory";

    private static Instant at(long s) {
        return Instant.ofEpochSecond(1_700_000_000L + s);
    }

    @Test
    void aConnectionGoesFromOpenThroughReconnectingToFailedOver() {
        ConnectionBook book = new ConnectionBook();
        book.record(new ConnectionOpened(at(0), CF, "c1", "a:5672", "broker-a", false));
        assertEquals("open", book.rows().get(0).state());
        book.record(new ConnectionDisconnected(at(1), CF, "c1", "a:5672", "reset", null, true));
        book.record(new Reconnecting(at(1), CF, "c1", 1, "a:5672", 100, "reset"));
        assertEquals(1, book.record(new Reconnecting(at(2), CF, "c1", 2, "b:5672", 200, "refused")));
        ConnectionBook.Row reconnecting = book.rows().get(0);
        assertEquals("reconnecting", reconnecting.state());
        assertEquals(at(1).toEpochMilli(), reconnecting.since(), "since the loss, not the latest attempt");
        assertEquals(2, book.record(new ConnectionOpened(at(3), CF, "c1", "b:5672", "broker-b", true)));
        assertEquals(2, book.record(new Reconnected(at(3), CF, "c1", "a:5672", "b:5672")));
        ConnectionBook.Row over = book.rows().get(0);
        assertEquals("failed over", over.state());
        assertEquals("b:5672", over.endpoint());
        assertEquals("from a:5672", over.detail());
        book.record(new ConnectionClosed(at(4), CF, "c1", "b:5672"));
        assertTrue(book.rows().isEmpty());
    }

    @Test
    void peersComeAndGoAndLeaveWithTheirListener() {
        ConnectionBook book = new ConnectionBook();
        String bean = "io.amqpra.demo.DemoListener";
        book.record(new PeerConnectionOpened(at(0), bean, "demo", 5672, "/127.0.0.1:1", "p1", null));
        book.record(new PeerConnectionOpened(at(1), bean, "demo", 5672, "/127.0.0.1:2", "p2", null));
        book.record(new PeerConnectionOpened(at(2), bean, "demo", 15672, "/127.0.0.1:3", "p3", null));
        assertEquals("DemoListener", book.rows().get(0).owner());
        book.record(new PeerConnectionClosed(at(3), bean, "demo", 5672, "/127.0.0.1:1", "p1", null));
        assertEquals(2, book.rows().size());
        book.record(new ListenerStopped(at(4), bean, "demo", "0.0.0.0", 5672));
        assertEquals("p3", book.rows().get(0).peer());
        assertEquals(1, book.rows().size());
    }

    @Test
    void keepsABoundedNumber() {
        ConnectionBook book = new ConnectionBook();
        for (int i = 0; i < ConnectionBook.KEEP * 3; i++) {
            book.record(new ConnectionOpened(at(i), CF, "c" + i, "a:5672", "broker", false));
        }
        assertEquals(ConnectionBook.KEEP, book.rows().size());
        assertEquals("c" + (ConnectionBook.KEEP * 3 - 1), book.rows().get(0).id());
    }
}
