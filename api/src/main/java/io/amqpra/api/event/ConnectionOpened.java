package io.amqpra.api.event;

import java.time.Instant;

/**
 * The AMQP open handshake with a peer succeeded.
 *
 * @param timestamp when it happened
 * @param connectionFactory the connection factory, as {@link OutgoingConnectionEvent#connectionFactory()}
 * @param containerId our container id on the connection
 * @param endpoint where the connection went, {@code host:port}
 * @param remoteContainerId the peer's container id
 * @param reconnect whether this connection was lost before and has just been restored
 */
public record ConnectionOpened(Instant timestamp, String connectionFactory, String containerId, String endpoint,
                               String remoteContainerId, boolean reconnect) implements OutgoingConnectionEvent {
}
