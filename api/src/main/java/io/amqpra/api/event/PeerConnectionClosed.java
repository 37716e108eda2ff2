package io.amqpra.api.event;

import java.time.Instant;

/**
 * A peer's connection ended.
 *
 * @param error why, if it did not end with a clean AMQP close ({@code null} otherwise)
 */
public record PeerConnectionClosed(Instant timestamp, String endpointClass, String address, int port,
                                   String remoteAddress, String remoteContainerId, String error)
        implements IncomingConnectionEvent {
}
