package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.event.OutgoingEvents;

/**
 * Told about the life of a connection. Called on the event loop: do not block, hand off. By
 * default each change becomes a lifecycle event of {@link #events()}.
 */
public interface ConnectionListener {

    /** Where the connection's lifecycle events go. */
    OutgoingEvents events();

    /** The connection is set up (the peer answered our open and begin), at first or after a reconnect. */
    default void opened(String containerId, Endpoint endpoint, String remoteContainerId, Endpoint previous, boolean reconnect) {
        events().opened(containerId, endpoint, remoteContainerId, previous, reconnect);
    }

    /** The connection was lost; {@code willReconnect} says whether attempts follow. */
    default void disconnected(String containerId, Endpoint endpoint, AmqpException cause, boolean willReconnect) {
        events().disconnected(containerId, endpoint, cause, willReconnect);
    }

    /** Attempt number {@code attempt} will go to {@code next} after {@code delayMillis}. */
    default void reconnecting(String containerId, int attempt, Endpoint next, long delayMillis, AmqpException lastCause) {
        events().reconnecting(containerId, attempt, next, delayMillis, lastCause);
    }

    /**
     * The connection is gone for good: reconnect is off, its limit was reached, or the failure was
     * fatal (authentication or TLS). Not called for a close the application asked for.
     */
    void connectionLost(AmqpException cause);
}
