package io.amqpra.api.event;

import java.time.Instant;

/**
 * A lost connection is back; fired after the {@link ConnectionOpened} of the new connection.
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param previousEndpoint where it was before the loss
 * @param endpoint where it is now
 */
public record Reconnected(Instant timestamp, String connectionFactory, String containerId, String previousEndpoint,
                          String endpoint) implements OutgoingConnectionEvent {

    /** Whether it came back on another endpoint than it was lost on. */
    public boolean failedOver() {
        return !endpoint.equals(previousEndpoint);
    }
}
