package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;

/**
 * Told about the life of a connection. Called on the event loop: do not block, hand off.
 */
public interface ConnectionListener {

    /** The AMQP open handshake succeeded, at first or after a reconnect. */
    default void opened(String containerId, Endpoint endpoint, String remoteContainerId, Endpoint previous, boolean reconnect) {
    }

    /** The connection was lost; {@code willReconnect} says whether attempts follow. */
    default void disconnected(String containerId, Endpoint endpoint, AmqpException cause, boolean willReconnect) {
    }

    /** Attempt number {@code attempt} will go to {@code next} after {@code delayMillis}. */
    default void reconnecting(String containerId, int attempt, Endpoint next, long delayMillis, AmqpException lastCause) {
    }

    /**
     * The connection is gone for good: reconnect is off, its limit was reached, or the failure was
     * fatal (authentication or TLS). Not called for a close the application asked for.
     */
    void connectionLost(AmqpException cause);
}
