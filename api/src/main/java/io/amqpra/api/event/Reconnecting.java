package io.amqpra.api.event;

import java.time.Instant;

/**
 * A reconnect attempt is scheduled.
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param attempt its number, from 1 after each successful open
 * @param nextEndpoint where it will go
 * @param delayMillis how long until it starts, in milliseconds
 * @param lastCause why the previous attempt or the connection failed
 */
public record Reconnecting(Instant timestamp, String connectionFactory, String containerId, int attempt,
                           String nextEndpoint, long delayMillis, String lastCause) implements OutgoingConnectionEvent {
}
