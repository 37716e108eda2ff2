package io.amqpra.api.event;

import java.time.Instant;

/**
 * Reconnecting stopped: the limit was reached, or the failure was fatal (authentication). The
 * pool replaces the connection; what waited on it failed with {@code lastCause}.
 *
 * @param attempts attempts made since the loss
 */
public record ReconnectGivenUp(Instant timestamp, String connectionFactory, String containerId, int attempts,
                               String lastCause) implements OutgoingConnectionEvent {
}
