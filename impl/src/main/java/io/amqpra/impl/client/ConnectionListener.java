package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;

/** Told when an open connection is lost. Called on the event loop: do not block. */
public interface ConnectionListener {

    void connectionLost(AmqpException cause);
}
