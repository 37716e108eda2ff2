package io.amqpra.api.event;

import java.time.Instant;

/**
 * An open connection was lost.
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param endpoint where it was connected
 * @param cause what happened, as the adapter's error message says it
 * @param errorCondition the peer's AMQP error condition, or {@code null} if it gave none
 * @param willReconnect whether reconnect attempts follow
 */
public record ConnectionDisconnected(Instant timestamp, String connectionFactory, String containerId,
                                     String endpoint, String cause, String errorCondition,
                                     boolean willReconnect) implements OutgoingConnectionEvent {
}
