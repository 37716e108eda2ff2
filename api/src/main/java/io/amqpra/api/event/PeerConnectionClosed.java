package io.amqpra.api.event;

import java.time.Instant;

/**
 * A peer's connection ended.
 *
 * @param timestamp when it happened
 * @param endpointClass the message-driven bean class of the activation
 * @param address the addresses the activation serves (its {@code address} property)
 * @param port the port the listener is bound to
 * @param remoteAddress the peer's network address
 * @param remoteContainerId the container id in the peer's open frame
 * @param error why, if it did not end with a clean AMQP close ({@code null} otherwise)
 */
public record PeerConnectionClosed(Instant timestamp, String endpointClass, String address, int port,
                                   String remoteAddress, String remoteContainerId, String error)
        implements IncomingConnectionEvent {
}
