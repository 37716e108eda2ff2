package io.amqpra.impl.inbound;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * The outcomes beans decided for one peer connection's messages, on their way to its loop.
 * Outcomes that pile up while the loop is busy go out together in one task, one write.
 */
final class Outcomes {

    private record Finished(InboundMessage message, DeliveryState outcome) {
    }

    private final ServerConnection connection;
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Outcomes(ServerConnection connection) {
        this.connection = connection;
    }

    /** Any thread: queues {@code outcome} ({@code null} for none) for the loop. */
    void add(InboundMessage message, DeliveryState outcome) {
        finished.add(new Finished(message, outcome));
        if (scheduled.compareAndSet(false, true)) {
            connection.execute(this::send);
        }
    }

    /** Loop thread: settles what is queued, and gives its memory and credit back. */
    private void send() {
        scheduled.set(false);
        Finished next;
        while ((next = finished.poll()) != null) {
            InboundMessage m = next.message();
            connection.budget().finished(m.bytes.length);
            if (!connection.isClosed()) {
                m.link.finish(m.delivery, next.outcome());
            }
        }
    }
}
