package io.amqpra.api.event;

import java.time.Instant;

/** An activation stopped listening (its bean was undeployed). */
public record ListenerStopped(Instant timestamp, String endpointClass, String address, String host, int port)
        implements IncomingConnectionEvent {
}
