package io.amqpra.api;

/**
 * Thrown by {@link Outcome#requireAccepted()} when the peer did not accept a message.
 */
public class DeliveryNotAcceptedException extends AmqpException {

    private static final long serialVersionUID = 1L;

    private final transient Outcome outcome;

    /** An exception for a non-accepted outcome, taking its error condition; a {@code null} outcome throws NPE. */
    public DeliveryNotAcceptedException(Outcome outcome) {
        super("The peer did not accept the message: " + outcome, outcome.errorCondition());
        this.outcome = outcome;
    }

    /** The outcome the peer gave. */
    public Outcome outcome() {
        return outcome;
    }
}
