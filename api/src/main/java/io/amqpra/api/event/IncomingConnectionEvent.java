package io.amqpra.api.event;

/** An event of a listener that message-driven beans receive through. */
public sealed interface IncomingConnectionEvent extends AmqpEvent
        permits ListenerStarted, ListenerStopped, PeerConnectionOpened, PeerConnectionClosed {

    /** The message-driven bean class of the activation. */
    String endpointClass();

    /** The addresses the activation serves (its {@code address} property). */
    String address();

    /** The port the listener is bound to (the actual one when {@code port} was 0). */
    int port();
}
