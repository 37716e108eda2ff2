package io.amqpra.api;

import java.util.concurrent.CompletionStage;

/**
 * Where an incoming message came from, and what to do with it. Valid during
 * {@link AmqpMessageListener#onMessage}; the outcome chosen here is sent to the peer after the
 * method returns.
 */
public interface DeliveryContext {

    /** The target address the peer sent the message to. */
    String address();

    /** The container id the peer gave in its open frame. */
    String remoteContainerId();

    /** The peer's network address, such as {@code /127.0.0.1:51234}. */
    String remoteAddress();

    /** The name of the link the message arrived on. */
    String linkName();

    /** The user the peer authenticated as, or {@code null} for an anonymous peer. */
    String user();

    /** Whether the peer sent the message settled (at most once): no outcome will be sent. */
    boolean presettled();

    /** Accept the message, whatever the method does next; a later outcome call replaces this choice. */
    void accept();

    /**
     * Reject the message with an AMQP error condition and description.
     *
     * @param condition an AMQP error condition; {@code null} means {@code amqp:internal-error}
     * @param description a human-readable reason, may be {@code null}
     */
    void reject(String condition, String description);

    /** Release the message: the peer may deliver it again. */
    void release();

    /**
     * Give the message back modified (see {@link ReceivedMessage#modify}).
     *
     * @param deliveryFailed whether to count this as a failed delivery attempt
     * @param undeliverableHere whether the peer should not deliver it to this link again
     */
    void modify(boolean deliveryFailed, boolean undeliverableHere);

    /**
     * Sends a message back over the same connection to the peer's {@code reply-to} address of
     * the message being handled, on a link the peer attached to receive it (for example a
     * dynamic receiver). The correlation id is set to the request's message id unless the reply
     * has one.
     *
     * @param reply the reply; its {@code to} is set to the request's {@code reply-to}; {@code null}
     *        throws NullPointerException
     * @return the peer's outcome for the reply; fails with {@link AmqpException} if the peer has
     *         no receiving link for that address on this connection, or the request has no
     *         {@code reply-to}
     */
    CompletionStage<Outcome> reply(Message reply);

    /**
     * Sends a message over the connection the message being handled came on. A bean that
     * consumes from a broker ({@code mode=connect}) may send to any address on it; with
     * {@code transacted=true}, in a container transaction, the send joins the delivery's AMQP
     * transaction and is published only if the message is consumed too. A listening bean may
     * send only to an address the peer receives from on this connection.
     *
     * @param address the target address; {@code null} or empty fails the stage with
     *        IllegalArgumentException
     * @param message the message; its {@code to} is set to {@code address}; {@code null} throws
     *        NullPointerException
     * @return the peer's outcome; fails with {@link AmqpException} if the peer refused the link,
     *         or (listening) has no receiving link for that address on this connection
     */
    CompletionStage<Outcome> send(String address, Message message);
}
