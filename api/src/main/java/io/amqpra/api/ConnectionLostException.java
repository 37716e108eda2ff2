package io.amqpra.api;

/**
 * The AMQP connection failed or was closed before the operation completed. For a send this means
 * no outcome arrived: the message may or may not have reached the peer.
 */
public class ConnectionLostException extends AmqpException {

    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, String errorCondition) {
        super(message, errorCondition);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
