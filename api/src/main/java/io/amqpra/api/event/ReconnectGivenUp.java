package io.amqpra.api.event;

import java.time.Instant;

/**
 * Reconnecting stopped: the limit was reached, or the failure was fatal (authentication). The
 * pool replaces the connection; what waited on it failed with {@code lastCause}.
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param attempts attempts made since the loss
 * @param lastCause why the last attempt or the connection failed
 */
public record ReconnectGivenUp(Instant timestamp, String connectionFactory, String containerId, int attempts,
                               String lastCause) implements OutgoingConnectionEvent {
}
