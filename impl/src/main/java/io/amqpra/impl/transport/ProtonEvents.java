package io.amqpra.impl.transport;

import org.apache.qpid.proton.engine.Event;

/** Receives the engine's events on the event loop that owns the connection. */
public interface ProtonEvents {

    /** One Proton-J engine event. */
    void onEvent(Event event);

    /** All pending events were handled; a good moment to hand over gathered results. */
    void afterEvents();

    /** The socket is gone; {@code cause} is the I/O error, or {@code null} for an orderly end. */
    void onDisconnected(Throwable cause);
}
