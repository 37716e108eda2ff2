package io.amqpra.api.event;

import java.time.Instant;

/** A pooled connection was closed by the adapter (the pool shrank, or the server is stopping). */
public record ConnectionClosed(Instant timestamp, String connectionFactory, String containerId, String endpoint)
        implements OutgoingConnectionEvent {
}
