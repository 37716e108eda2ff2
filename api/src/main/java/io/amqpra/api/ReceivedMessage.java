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

    /**
     * Tells the peer the message was processed.
     *
     * @throws AmqpException if the outcome could not be passed to the peer (connection failed, timeout)
     */
    void accept() throws AmqpException;

    /**
     * Tells the peer the message is invalid and must not be redelivered.
     *
     * @param condition an AMQP error condition such as {@code amqp:internal-error}; {@code null} sends
     *        no error (and no description)
     * @param description a human-readable reason, may be {@code null}
     * @throws AmqpException if the outcome could not be passed to the peer (connection failed, timeout)
     */
    void reject(String condition, String description) throws AmqpException;

    /**
     * Gives the message back to the peer unprocessed, for delivery to someone else.
     *
     * @throws AmqpException if the outcome could not be passed to the peer (connection failed, timeout)
     */
    void release() throws AmqpException;

    /**
     * Gives the message back with changes: {@code deliveryFailed} counts this as a failed
     * attempt, {@code undeliverableHere} asks the peer not to deliver it to this link again.
     *
     * @param deliveryFailed whether to count this as a failed delivery attempt
     * @param undeliverableHere whether the peer should not deliver it to this link again
     * @throws AmqpException if the outcome could not be passed to the peer (connection failed, timeout)
     */
    void modify(boolean deliveryFailed, boolean undeliverableHere) throws AmqpException;
}
