package io.amqpra.api.event;

import java.time.Instant;

/**
 * A pooled connection was closed by the adapter (the pool shrank, or the server is stopping).
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param endpoint where it was connected, {@code host:port}
 */
public record ConnectionClosed(Instant timestamp, String connectionFactory, String containerId, String endpoint)
        implements OutgoingConnectionEvent {
}
