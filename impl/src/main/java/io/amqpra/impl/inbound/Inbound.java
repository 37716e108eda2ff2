package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import java.util.concurrent.CompletionStage;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * A complete message on its way to a bean, whichever way it came: from a peer that connected to
 * a listener, or from a broker a consuming bean connected to. It waits for its endpoint, and then
 * for its outcome.
 */
interface Inbound {

    /** The encoded message. */
    byte[] bytes();

    /** Sends the outcome (unless the message came presettled) and gives the link its credit back. */
    void finish(DeliveryState outcome);

    /**
     * Finishes a transacted delivery: {@code commit} says whether the container's transaction
     * committed, for a message that joined an AMQP transaction of its own ({@link #begin()}).
     */
    default void finish(DeliveryState outcome, boolean commit) {
        finish(outcome);
    }

    /**
     * Before a transacted delivery: starts the AMQP transaction the message's outcome and the
     * bean's sends join, where the message takes one; waits for the peer.
     */
    default void begin() throws AmqpException {
    }

    String address();

    String remoteContainerId();

    String remoteAddress();

    String linkName();

    /** The authenticated user of the peer, or {@code null}. */
    String user();

    boolean presettled();

    /** Whether the message can no longer be settled, so that giving it to a bean would be wasted. */
    default boolean stale() {
        return false;
    }

    /** Sends {@code bytes} to {@code to} over the connection the message came on. */
    CompletionStage<Outcome> reply(String to, byte[] bytes);
}
