package io.amqpra.api;

/**
 * The AMQP connection failed or was closed before the operation completed. For a send this means
 * no outcome arrived: the message may or may not have reached the peer.
 */
public class ConnectionLostException extends AmqpException {

    private static final long serialVersionUID = 1L;

    /** A loss described by {@code message}, with the AMQP error condition the peer closed with (may be {@code null}). */
    public ConnectionLostException(String message, String errorCondition) {
        super(message, errorCondition);
    }

    /** A loss described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
