package io.amqpra.demo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleViewTest {

    private static final ResourceStatus CF = new ResourceStatus(Kind.CONNECTION_FACTORY, "java:/amqp/ConnectionFactory",
            true, null, Map.of(Figure.SENDS_ACCEPTED, 10L, Figure.SENDS_TIMED_OUT, 2L, Figure.SENDS_IN_FLIGHT, 1L));
    private static final ResourceStatus BROKER = new ResourceStatus(Kind.CONNECTION_FACTORY, "java:app/amqp/Broker",
            false, "reconnecting", Map.of(Figure.SENDS_ACCEPTED, 5L, Figure.CONNECTIONS_RECONNECTING, 1L));
    private static final ResourceStatus LISTENER = new ResourceStatus(Kind.LISTENER, "0.0.0.0:5672", true, null,
            Map.of(Figure.RECEIVED_ACCEPTED, 9L, Figure.RECEIVED_REJECTED, 1L, Figure.BEANS_IN_FLIGHT, 2L));
    private static final ResourceStatus CONSUMER = new ResourceStatus(Kind.CONSUMER,
            "io.amqpra.demo.DemoConsumer from demo.orders", false, "cannot connect: localhost:5673: refused",
            Map.of(Figure.RECEIVED_ACCEPTED, 4L, Figure.RECEIVED_MODIFIED, 2L, Figure.RECEIVED_REJECTED, 1L));

    @Test
    void mergesAdaptersWithEachResourceOnce() {
        AdapterStatus merged = ConsoleView.merge(List.of(new AdapterStatus(true, null, List.of(CF, LISTENER)),
                new AdapterStatus(false, "loop stuck", List.of(BROKER, CF))));
        assertEquals(List.of(CF, LISTENER, BROKER), merged.resources());
        assertFalse(merged.live());
        assertEquals("loop stuck", merged.stuck());
    }

    @Test
    void totalsSumEveryResource() {
        ConsoleState.Totals totals = ConsoleView.totals(new AdapterStatus(true, null, List.of(CF, BROKER, LISTENER,
                CONSUMER)));
        assertEquals(new ConsoleState.Totals(17, 15, 2, 17, 1, 2, 0, 0), totals);
    }

    @Test
    void deadLettersAreWhatConsumersGaveUpOnAndRefusedWhatListenersRejected() {
        assertEquals(new ConsoleState.DeadLetters(2, 1, 1, 3L, null), ConsoleView.deadLetters(
                new AdapterStatus(true, null, List.of(CF, LISTENER, CONSUMER)), 3L, null));
    }

    @Test
    void statesInAWord() {
        assertEquals("idle", ConsoleView.state(CF));
        assertEquals("reconnecting", ConsoleView.state(BROKER));
        assertEquals("listening", ConsoleView.state(LISTENER));
        assertEquals("failed", ConsoleView.state(CONSUMER));
        assertEquals("DemoConsumer from demo.orders", ConsoleView.resources(
                new AdapterStatus(true, null, List.of(CONSUMER))).get(0).name());
    }
}
