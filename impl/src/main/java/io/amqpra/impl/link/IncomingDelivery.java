package io.amqpra.impl.link;

import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;

/** A complete message read off a receiver link, not yet settled by the application. */
public final class IncomingDelivery {

    final Delivery delivery;
    final IncomingLink link;
    private final byte[] bytes;
    private final int length;
    boolean settled;

    IncomingDelivery(Delivery delivery, IncomingLink link, byte[] bytes, int length) {
        this.delivery = delivery;
        this.link = link;
        this.bytes = bytes;
        this.length = length;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Whether the peer sent it already settled (at most once): no outcome is expected. */
    public boolean presettled() {
        return delivery.remotelySettled();
    }

    /** Whether the link it arrived on is gone, so that no outcome can reach the peer. Loop thread only. */
    public boolean linkLost() {
        return link.dead;
    }

    /** Applies the application's outcome on the link it arrived on. Loop thread only. */
    public void settle(DeliveryState outcome) {
        link.settle(this, outcome);
    }
}
