package io.amqpra.api;

import jakarta.resource.ResourceException;

/**
 * A failure of an AMQP operation. {@link #getErrorCode()} holds the AMQP error condition when the
 * peer gave one (for example {@code amqp:unauthorized-access}).
 */
public class AmqpException extends ResourceException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, with no AMQP error condition and no cause. */
    public AmqpException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public AmqpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure described by {@code message}, with the AMQP error condition the peer gave (may be {@code null}). */
    public AmqpException(String message, String errorCondition) {
        super(message, errorCondition);
    }

    /** The AMQP error condition the peer reported, or {@code null}. */
    public String errorCondition() {
        return getErrorCode();
    }
}
