package io.amqpra.api.event;

import java.time.Instant;

/**
 * A peer opened an AMQP connection to the listener.
 *
 * @param timestamp when it happened
 * @param endpointClass the message-driven bean class of the activation
 * @param address the addresses the activation serves (its {@code address} property)
 * @param port the port the listener is bound to
 * @param remoteAddress the peer's network address
 * @param remoteContainerId the container id in the peer's open frame
 * @param user the authenticated user, or {@code null} for an anonymous peer
 */
public record PeerConnectionOpened(Instant timestamp, String endpointClass, String address, int port,
                                   String remoteAddress, String remoteContainerId, String user)
        implements IncomingConnectionEvent {
}
