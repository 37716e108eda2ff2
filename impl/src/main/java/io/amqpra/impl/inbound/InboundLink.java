package io.amqpra.impl.inbound;

import io.amqpra.impl.link.PartialDelivery;
import io.amqpra.impl.stats.Figures;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;

/**
 * A link on which a peer sends to an address an activation serves. It gets {@code linkCredit}
 * credit, given back as messages finish, so a fast peer can never have more than that many
 * messages buffered here; a peer that sends more loses the link. Loop thread only.
 */
final class InboundLink {

    final ServerConnection connection;
    final Receiver receiver;
    final EndpointActivation activation;
    final String address;
    /** Messages read and not yet finished: never more than the credit we granted. */
    private int outstanding;
    /** Credit earned back by finished messages and not yet granted: given in batches. */
    private int owed;
    /** Bytes of the message still arriving that the memory budget counts. */
    private int counted;
    /** The credit this link last counted into the listener's figures. */
    private int creditShown;
    /** A message given up as too large while more of it was still to come. */
    private Delivery discarding;

    /** A peer broke the link's rules; the link is detached with this error. */
    static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String condition;

        Violation(String condition, String description) {
            super(description, null, false, false);
            this.condition = condition;
        }
    }

    InboundLink(ServerConnection connection, Receiver receiver, EndpointActivation activation, String address) {
        this.connection = connection;
        this.receiver = receiver;
        this.activation = activation;
        this.address = address;
        receiver.setContext(this);
    }

    /** Its listener's figures. */
    Figures figures() {
        return activation.figures();
    }

    /** Opens the link with its credit, unless the listener's memory is spent: then once it is free. */
    void open() {
        receiver.open();
        owed = activation.settings().linkCredit();
        grantOwed();
    }

    /** Reads what arrived; returns the message once the last frame of it is in. */
    InboundMessage read(Delivery delivery) {
        try {
            return readDelivery(delivery);
        } finally {
            showCredit();
        }
    }

    private InboundMessage readDelivery(Delivery delivery) {
        if (delivery == discarding) {
            PeerEndpoints.discard(receiver, delivery);
            if (!delivery.isPartial()) {
                discarding = null;
            }
            return null;
        }
        if (PartialDelivery.discardIfAborted(receiver, delivery)) {
            dropPartial();
            creditBack(); // it never became a message: its credit is free again at once
            return null;
        }
        if (!delivery.isReadable()) {
            return null;
        }
        byte[] bytes = PartialDelivery.read(receiver, delivery);
        if ((bytes != null ? bytes.length : PartialDelivery.gathered(delivery)) > activation.settings().maxMessageSize()) {
            throw tooLarge(delivery, bytes == null);
        }
        if (bytes == null) {
            int gathered = PartialDelivery.gathered(delivery);
            connection.budget().grow(gathered - counted);
            counted = gathered;
            return null;
        }
        receiver.advance();
        if (++outstanding > activation.settings().linkCredit()) {
            delivery.settle();
            dropPartial();
            throw new Violation("amqp:link:transfer-limit-exceeded",
                    "more transfers than the " + activation.settings().linkCredit() + " credits granted");
        }
        return complete(delivery, bytes);
    }

    /** Gives up a message over maxMessageSize; the link is to be detached. */
    private Violation tooLarge(Delivery delivery, boolean partial) {
        delivery.setContext(null);
        dropPartial();
        if (partial) {
            // More of it is on its way: it is read and dropped as it comes. Settled now, its next
            // frames would find no delivery in the engine, which then fails the connection.
            discarding = delivery;
        } else {
            receiver.advance();
            delivery.settle();
        }
        return new Violation("amqp:link:message-size-exceeded",
                "a message larger than " + activation.settings().maxMessageSize() + " bytes (maxMessageSize)");
    }

    private InboundMessage complete(Delivery delivery, byte[] bytes) {
        connection.budget().completed(bytes.length, counted);
        counted = 0;
        boolean presettled = delivery.remotelySettled();
        InboundMessage message = new InboundMessage(connection, this, delivery, bytes, presettled);
        delivery.setContext(message);
        if (presettled) {
            delivery.settle();
        }
        return message;
    }

    void finish(Delivery delivery, DeliveryState outcome) {
        outstanding--;
        if (receiver.getLocalState() == EndpointState.CLOSED) {
            showCredit();
            return; // detached meanwhile: its deliveries went with it, the peer sends them again
        }
        if (outcome != null && !delivery.isSettled()) {
            delivery.disposition(outcome);
            delivery.settle();
            figures().settled(outcome);
        }
        creditBack();
        showCredit();
    }

    /** The link ended: what arrived of a message leaves the budget, and its credit the figures. */
    void ended() {
        dropPartial();
        creditShown = connection.credit.changed(creditShown, 0);
    }

    /** The message still arriving will not: its bytes leave the memory budget. */
    void dropPartial() {
        connection.budget().dropped(counted);
        counted = 0;
    }

    /**
     * Grants credit back in batches of half the window: one flow frame per many messages, while
     * the peer never runs dry as long as the bean keeps up.
     */
    private void creditBack() {
        owed++;
        if (owed * 2 >= activation.settings().linkCredit()) {
            grantOwed();
        }
    }

    /** Grants the credit owed, if the listener's memory has room; else once it has. */
    void grantOwed() {
        if (owed == 0 || receiver.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        if (!connection.budget().hasRoom()) {
            connection.budget().await(connection);
            return;
        }
        receiver.flow(owed);
        owed = 0;
        showCredit();
    }

    /** Tells the connection's credit share what this link holds now: nothing once it is closed. */
    private void showCredit() {
        creditShown = connection.credit.changed(creditShown,
                receiver.getLocalState() == EndpointState.ACTIVE ? receiver.getCredit() : 0);
    }
}
