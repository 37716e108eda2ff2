package io.amqpra.api.event;

import java.time.Instant;

/** An activation listens: peers can connect to {@code host} and {@link #port()}. */
public record ListenerStarted(Instant timestamp, String endpointClass, String address, String host, int port)
        implements IncomingConnectionEvent {
}
