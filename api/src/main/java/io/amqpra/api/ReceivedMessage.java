package io.amqpra.api;

/**
 * A message received from a peer, with the means to settle it. Settle each message exactly once;
 * later settlement calls fail with {@link IllegalStateException}.
 */
public interface ReceivedMessage {

    /** The message as the peer sent it. */
    Message message();

    /** The address it was received from. */
    String address();

    /** How many earlier attempts to deliver it failed, from the message header. */
    long deliveryCount();

    /** Tells the peer the message was processed. */
    void accept() throws AmqpException;

    /**
     * Tells the peer the message is invalid and must not be redelivered.
     *
     * @param condition an AMQP error condition such as {@code amqp:internal-error}
     * @param description a human-readable reason, may be {@code null}
     */
    void reject(String condition, String description) throws AmqpException;

    /** Gives the message back to the peer unprocessed, for delivery to someone else. */
    void release() throws AmqpException;

    /**
     * Gives the message back with changes: {@code deliveryFailed} counts this as a failed
     * attempt, {@code undeliverableHere} asks the peer not to deliver it to this link again.
     */
    void modify(boolean deliveryFailed, boolean undeliverableHere) throws AmqpException;
}
