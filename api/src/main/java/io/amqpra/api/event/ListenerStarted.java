package io.amqpra.api.event;

import java.time.Instant;

/**
 * An activation listens: peers can connect to {@code host} and {@link #port()}.
 *
 * @param timestamp when it happened
 * @param endpointClass the message-driven bean class of the activation
 * @param address the addresses the activation serves (its {@code address} property)
 * @param host the host the listener is bound to
 * @param port the port the listener is bound to
 */
public record ListenerStarted(Instant timestamp, String endpointClass, String address, String host, int port)
        implements IncomingConnectionEvent {
}
