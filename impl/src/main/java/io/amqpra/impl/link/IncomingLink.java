package io.amqpra.impl.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A receiver link from one address. Credit follows demand: one credit per waiting receive, so a
 * pooled connection never holds messages nobody asked for beyond one that arrived just after its
 * receive gave up. Loop thread only.
 */
public final class IncomingLink {

    private final Receiver receiver;
    private final ArrayDeque<CompletableFuture<IncomingDelivery>> waiters = new ArrayDeque<>();
    private final ArrayDeque<IncomingDelivery> arrived = new ArrayDeque<>();
    private final Set<IncomingDelivery> unsettled = new LinkedHashSet<>();
    /** Set when the connection under the link is gone: its deliveries can no longer be settled. */
    boolean dead;

    public IncomingLink(Receiver receiver) {
        this.receiver = receiver;
        receiver.setContext(this);
    }

    /** A receive waits for a message: hands it one that arrived already, else grants credit for it. */
    public void request(CompletableFuture<IncomingDelivery> waiter) {
        IncomingDelivery ready = arrived.poll();
        if (ready != null) {
            waiter.complete(ready);
            return;
        }
        waiters.add(waiter);
        int missing = waiters.size() - receiver.getCredit();
        if (missing > 0) {
            receiver.flow(missing);
        }
    }

    /** The receive gave up: a message for it that comes later waits for the next receive. */
    public void abandon(CompletableFuture<IncomingDelivery> waiter) {
        waiters.remove(waiter);
    }

    /** Reads what arrived of a delivery; hands it out when complete. */
    public void onDelivery(Delivery delivery) {
        byte[] bytes = delivery.isReadable() ? PartialDelivery.read(receiver, delivery) : null;
        if (bytes == null) {
            return;
        }
        receiver.advance();
        IncomingDelivery incoming = new IncomingDelivery(delivery, this, bytes, bytes.length);
        delivery.setContext(incoming);
        if (delivery.remotelySettled()) {
            delivery.settle();
            incoming.settled = true;
        } else {
            unsettled.add(incoming);
        }
        CompletableFuture<IncomingDelivery> waiter = waiters.poll();
        if (waiter == null || !waiter.complete(incoming)) {
            arrived.add(incoming);
        }
    }

    /** Applies the application's outcome. */
    void settle(IncomingDelivery incoming, DeliveryState state) {
        if (incoming.settled) {
            return;
        }
        incoming.settled = true;
        unsettled.remove(incoming);
        incoming.delivery.disposition(state);
        incoming.delivery.settle();
    }

    /**
     * Gives back everything unsettled and detaches, so that a pooled connection keeps no messages
     * from the next user or from other consumers.
     */
    public void releaseAndClose() {
        for (IncomingDelivery d : arrived) {
            settle(d, Released.getInstance());
        }
        arrived.clear();
        for (IncomingDelivery d : unsettled.toArray(new IncomingDelivery[0])) {
            settle(d, Released.getInstance());
        }
        for (CompletableFuture<IncomingDelivery> waiter : waiters) {
            waiter.complete(null);
        }
        waiters.clear();
        receiver.close();
    }

    /** The connection is gone: hands back the receives still waiting, for the next connection. */
    public List<CompletableFuture<IncomingDelivery>> drainWaiters() {
        dead = true;
        List<CompletableFuture<IncomingDelivery>> left = new ArrayList<>(waiters);
        waiters.clear();
        arrived.clear();
        unsettled.clear();
        return left;
    }

    /** The link or connection ended: waiting receives end with {@code error}. */
    public void failAll(Throwable error) {
        dead = true;
        for (CompletableFuture<IncomingDelivery> waiter : waiters) {
            waiter.completeExceptionally(error);
        }
        waiters.clear();
        arrived.clear();
        unsettled.clear();
    }
}
