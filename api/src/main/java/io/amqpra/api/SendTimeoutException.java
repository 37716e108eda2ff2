package io.amqpra.api;

/**
 * No outcome arrived for a sent message within the send timeout. The message may or may not have
 * reached the peer: send it again if duplicates are acceptable, or check the peer.
 */
public class SendTimeoutException extends AmqpException {

    private static final long serialVersionUID = 1L;

    /** A timeout described by {@code message}; no AMQP error condition. */
    public SendTimeoutException(String message) {
        super(message);
    }
}
