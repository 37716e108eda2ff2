package io.amqpra.impl.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A receiver link from one address, in one of two modes. Pulled by receives: credit follows
 * demand, one credit per waiting receive, so a pooled connection never holds messages nobody
 * asked for beyond one that arrived just after its receive gave up. Or pushing to a consumer:
 * the link has a window of credit, and each message's credit comes back only once it is settled,
 * so no more than the window is ever unsettled here. Loop thread only.
 */
public final class IncomingLink {

    private final Receiver receiver;
    /** Where a pushing link hands its messages, or {@code null} for a pulled one. */
    private final Consumer<IncomingDelivery> consumer;
    /** Set when a pushing link stops: settled messages no longer return credit. */
    private boolean stopping;
    private final ArrayDeque<CompletableFuture<IncomingDelivery>> waiters = new ArrayDeque<>();
    private final ArrayDeque<IncomingDelivery> arrived = new ArrayDeque<>();
    private final Set<IncomingDelivery> unsettled = new LinkedHashSet<>();
    /** Set when the connection under the link is gone: its deliveries can no longer be settled. */
    boolean dead;

    /** A link pulled by receives. */
    public IncomingLink(Receiver receiver) {
        this(receiver, null);
    }

    private IncomingLink(Receiver receiver, Consumer<IncomingDelivery> consumer) {
        this.receiver = receiver;
        this.consumer = consumer;
        receiver.setContext(this);
    }

    /** A link that pushes each complete message to {@code consumer}, with {@code window} credit. */
    public static IncomingLink pushing(Receiver receiver, int window, Consumer<IncomingDelivery> consumer) {
        IncomingLink link = new IncomingLink(receiver, consumer);
        receiver.flow(window);
        return link;
    }

    /** The link's name, which a broker keeps a durable subscription under. */
    public String name() {
        return receiver.getName();
    }

    /** Messages handed out and not yet settled. */
    public int unsettled() {
        return unsettled.size();
    }

    /** A receive waits for a message: hands it one that arrived already, else grants credit for it. */
    public void request(CompletableFuture<IncomingDelivery> waiter) {
        IncomingDelivery ready = arrived.poll();
        if (ready != null) {
            waiter.complete(ready);
            return;
        }
        waiters.add(waiter);
        creditForWaiters();
    }

    /** Grants the credit that the waiting receives lack: one each. */
    private void creditForWaiters() {
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
        if (PartialDelivery.discardIfAborted(receiver, delivery)) {
            // Its credit is used up and no message came of it: a pushing link gives the credit
            // back as for a settled message, a pulled one asks again for the receives still waiting.
            if (consumer != null) {
                creditBack();
            } else {
                creditForWaiters();
            }
            return;
        }
        byte[] bytes = delivery.isReadable() ? PartialDelivery.read(receiver, delivery) : null;
        if (bytes == null) {
            return;
        }
        receiver.advance();
        IncomingDelivery incoming = new IncomingDelivery(delivery, this, bytes, bytes.length);
        delivery.setContext(incoming);
        if (delivery.remotelySettled() && consumer == null) {
            delivery.settle();
            incoming.settled = true;
        } else {
            // A pushing link keeps even a presettled message until the bean is done with it: its
            // credit comes back then.
            unsettled.add(incoming);
        }
        if (consumer != null) {
            consumer.accept(incoming);
            return;
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
        if (!incoming.delivery.remotelySettled()) {
            incoming.delivery.disposition(state);
        }
        incoming.delivery.settle();
        if (consumer != null) {
            creditBack(); // the bean is done with it: room for the next
        }
    }

    /** A pushing link gives back the credit of a message it is done with, unless it is stopping. */
    private void creditBack() {
        if (!stopping && !dead) {
            receiver.flow(1);
        }
    }

    /**
     * A pushing link stops taking messages: it asks the peer to use up or drop the credit it has
     * (drain), and settling no longer returns credit.
     */
    public void stop() {
        stopping = true;
        if (!dead && receiver.getCredit() > 0) {
            receiver.drain(0);
        }
    }

    /**
     * Gives back what is still unsettled and ends the link: {@code detach} keeps the peer's
     * terminus (a durable subscription stays), otherwise it is closed.
     */
    public void releaseAndEnd(boolean detach) {
        stopping = true;
        for (IncomingDelivery d : unsettled.toArray(new IncomingDelivery[0])) {
            settle(d, Released.getInstance());
        }
        if (detach) {
            receiver.detach();
        } else {
            receiver.close();
        }
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
