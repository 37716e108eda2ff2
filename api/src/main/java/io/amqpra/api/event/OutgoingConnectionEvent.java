package io.amqpra.api.event;

/** An event of a pooled outgoing connection. */
public sealed interface OutgoingConnectionEvent extends AmqpEvent
        permits ConnectionOpened, ConnectionDisconnected, Reconnecting, Reconnected, ReconnectGivenUp,
        ConnectionClosed {

    /**
     * The connection factory the connection belongs to: its JNDI name where the server tells it,
     * otherwise its {@code host:port}. Compare it to observe only one factory.
     */
    String connectionFactory();

    /** Our container id on that connection: tells the connections of one factory apart. */
    String containerId();
}
