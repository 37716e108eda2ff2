package io.amqpra.impl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

    @Test
    void theAdapterIsReadyWhenEveryResourceIsAndLiveUnlessALoopIsStuck() {
        StatusBoard board = new StatusBoard();
        Figures listener = new Figures(Kind.LISTENER);
        listener.increment(Figure.PEERS_ACCEPTED);
        AtomicReference<String> problem = new AtomicReference<>();
        StatusBoard.Registration registration = board.add("0.0.0.0:5672", listener, problem::get);
        ResourceStatus factory = new ResourceStatus(Kind.CONNECTION_FACTORY, "java:/amqp/ConnectionFactory", true,
                null, new Figures(Kind.CONNECTION_FACTORY).snapshot());

        AdapterStatus status = board.status(List.of(factory));
        assertTrue(status.ready() && status.live());
        assertEquals(List.of(Kind.CONNECTION_FACTORY, Kind.LISTENER),
                status.resources().stream().map(ResourceStatus::kind).toList());
        assertEquals(1, status.resource(Kind.LISTENER, "0.0.0.0:5672").orElseThrow().figure(Figure.PEERS_ACCEPTED));

        problem.set("not listening");
        board.stuck("amqp-ra-event-loop-1 has not turned for 12000 ms");
        status = board.status(List.of(factory));
        assertFalse(status.ready());
        assertEquals(List.of("LISTENER 0.0.0.0:5672: not listening"), status.problems());
        assertFalse(status.live());

        registration.close();
        board.stuck(null);
        status = board.status(List.of());
        assertTrue(status.resources().isEmpty() && status.ready() && status.live());
    }
}
