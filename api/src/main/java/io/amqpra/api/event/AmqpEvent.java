package io.amqpra.api.event;

import java.time.Instant;

/** The common supertype of every lifecycle event: observe it to get them all. */
public sealed interface AmqpEvent permits OutgoingConnectionEvent, IncomingConnectionEvent {

    /** When it happened. */
    Instant timestamp();
}
