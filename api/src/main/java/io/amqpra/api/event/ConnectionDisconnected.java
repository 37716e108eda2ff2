package io.amqpra.api.event;

import java.time.Instant;

/**
 * An open connection was lost.
 *
 * @param endpoint where it was connected
 * @param cause what happened, as the adapter's error message says it
 * @param errorCondition the peer's AMQP error condition, if it gave one
 * @param willReconnect whether reconnect attempts follow
 */
public record ConnectionDisconnected(Instant timestamp, String connectionFactory, String containerId,
                                     String endpoint, String cause, String errorCondition,
                                     boolean willReconnect) implements OutgoingConnectionEvent {
}
