package io.amqpra.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.stats.StatusBoard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdapterStatisticsTest {

    private final AtomicReference<AdapterStatus> now = new AtomicReference<>();
    private final AdapterStatistics statistics = new AdapterStatistics(now::get, figure -> 0L);

    private static ResourceStatus factory(String name, long accepted, long p99) {
        return new ResourceStatus(Kind.CONNECTION_FACTORY, name, true, null,
                Map.of(Figure.SENDS_ACCEPTED, accepted, Figure.SEND_TIME_P99_MICROS, p99, Figure.CONNECTIONS_OPEN, 1L));
    }

    @Test
    void figuresAreTotalsOverTheResourcesOnceEnabled() {
        now.set(new AdapterStatus(true, null, List.of(factory("a", 5, 300), factory("b", 7, 900),
                new ResourceStatus(Kind.LISTENER, "0.0.0.0:5672", false, "not listening", Map.of()))));
        assertTrue(statistics.getNames().containsAll(List.of("sendsAccepted", "sendTimeP99Us", "peersRefusedLogin",
                "ready", "live")), statistics.getNames().toString());
        assertEquals(long.class, statistics.getType("sendsAccepted"));
        assertEquals(0L, statistics.getValue("sendsAccepted"), "off until enabled, as the pool statistics are");

        statistics.setEnabled(true);
        assertEquals(12L, statistics.getValue("sendsAccepted"));
        assertEquals(2L, statistics.getValue("connectionsOpen"));
        assertEquals(900L, statistics.getValue("sendTimeP99Us"), "a percentile is the highest, not a sum");
        assertEquals(0, statistics.getValue("ready"), "the listener is not bound");
        assertEquals(1, statistics.getValue("live"));
        assertEquals("Sends the peer accepted", statistics.getDescription("sendsAccepted"));
    }

    /**
     * Review finding: a total over the resources alive now drops when one leaves (an undeployed
     * bean), which a metrics system reads as a counter reset. What a resource counted stays.
     */
    @Test
    void countersKeepWhatAResourceCountedAfterItLeft() {
        StatusBoard board = new StatusBoard();
        AdapterStatistics fromBoard = new AdapterStatistics(() -> board.status(List.of()), board::retired);
        fromBoard.setEnabled(true);
        Figures consumer = new Figures(Kind.CONSUMER);
        StatusBoard.Registration registration = board.add("Bean from q", consumer, () -> null);
        consumer.add(Figure.RECEIVED_ACCEPTED, 800);
        consumer.increment(Figure.CONNECTIONS_OPEN);
        assertEquals(800L, fromBoard.getValue("receivedAccepted"));

        registration.close();
        assertEquals(800L, fromBoard.getValue("receivedAccepted"), "a counter never goes back");
        assertEquals(0L, fromBoard.getValue("connectionsOpen"), "a gauge is what is there now");
    }

    @Test
    void clearStartsTheCountersOverButNotTheGauges() {
        statistics.setEnabled(true);
        now.set(new AdapterStatus(true, null, List.of(factory("a", 5, 300))));
        statistics.clear();
        now.set(new AdapterStatus(true, null, List.of(factory("a", 8, 300))));
        assertEquals(3L, statistics.getValue("sendsAccepted"));
        assertEquals(1L, statistics.getValue("connectionsOpen"));
    }
}
