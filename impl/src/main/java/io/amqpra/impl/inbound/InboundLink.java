package io.amqpra.impl.inbound;

import io.amqpra.impl.link.PartialDelivery;
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

    final Receiver receiver;
    final EndpointActivation activation;
    final String address;
    /** Messages read and not yet finished: never more than the credit we granted. */
    private int outstanding;
    /** Credit earned back by finished messages and not yet granted: given in batches. */
    private int owed;

    /** A peer broke the link's rules; the link is detached with this error. */
    static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String condition;

        Violation(String condition, String description) {
            super(description, null, false, false);
            this.condition = condition;
        }
    }

    InboundLink(Receiver receiver, EndpointActivation activation, String address) {
        this.receiver = receiver;
        this.activation = activation;
        this.address = address;
        receiver.setContext(this);
    }

    void open() {
        receiver.open();
        receiver.flow(activation.settings().linkCredit());
    }

    /** Reads what arrived; returns the message once the last frame of it is in. */
    InboundMessage read(ServerConnection connection, Delivery delivery) {
        if (PartialDelivery.discardIfAborted(receiver, delivery)) {
            creditBack(); // it never became a message: its credit is free again at once
            return null;
        }
        if (!delivery.isReadable()) {
            return null;
        }
        byte[] bytes = PartialDelivery.read(receiver, delivery);
        int limit = activation.settings().maxMessageSize();
        if ((bytes != null ? bytes.length : PartialDelivery.gathered(delivery)) > limit) {
            delivery.setContext(null);
            delivery.settle();
            throw new Violation("amqp:link:message-size-exceeded",
                    "a message larger than " + limit + " bytes (maxMessageSize)");
        }
        if (bytes == null) {
            return null;
        }
        receiver.advance();
        if (++outstanding > activation.settings().linkCredit()) {
            delivery.settle();
            throw new Violation("amqp:link:transfer-limit-exceeded",
                    "more transfers than the " + activation.settings().linkCredit() + " credits granted");
        }
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
        if (outcome != null && !delivery.isSettled()) {
            delivery.disposition(outcome);
            delivery.settle();
        }
        creditBack();
    }

    /**
     * Grants credit back in batches of half the window: one flow frame per many messages, while
     * the peer never runs dry as long as the bean keeps up.
     */
    private void creditBack() {
        owed++;
        if (owed * 2 >= activation.settings().linkCredit()
                && receiver.getLocalState() == EndpointState.ACTIVE) {
            receiver.flow(owed);
            owed = 0;
        }
    }
}
