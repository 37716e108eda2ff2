package io.amqpra.api.event;

import java.time.Instant;

/**
 * An activation stopped listening (its bean was undeployed).
 *
 * @param timestamp when it happened
 * @param endpointClass the message-driven bean class of the activation
 * @param address the addresses the activation serves (its {@code address} property)
 * @param host the host the listener is bound to
 * @param port the port the listener is bound to
 */
public record ListenerStopped(Instant timestamp, String endpointClass, String address, String host, int port)
        implements IncomingConnectionEvent {
}
