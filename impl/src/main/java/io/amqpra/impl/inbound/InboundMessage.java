package io.amqpra.impl.inbound;

import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;

/** A complete message read off an incoming link, waiting for its endpoint and then its outcome. */
final class InboundMessage {

    final ServerConnection connection;
    final InboundLink link;
    final Delivery delivery;
    final byte[] bytes;
    final boolean presettled;

    InboundMessage(ServerConnection connection, InboundLink link, Delivery delivery, byte[] bytes,
                   boolean presettled) {
        this.connection = connection;
        this.link = link;
        this.delivery = delivery;
        this.bytes = bytes;
        this.presettled = presettled;
    }

    /** Sends the outcome (if the peer expects one) and gives the link its credit back. */
    void finish(DeliveryState outcome) {
        connection.finishLater(this, presettled ? null : outcome);
    }
}
