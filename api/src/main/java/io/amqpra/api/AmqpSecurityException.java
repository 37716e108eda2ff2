package io.amqpra.api;

/**
 * A security failure while connecting: the peer could not be verified (TLS) or did not accept
 * who we are (SASL). Retrying with the same settings will not help, so the adapter does not
 * reconnect after one. The subtypes say which: {@link TlsException} or
 * {@link AuthenticationException}.
 */
public abstract class AmqpSecurityException extends AmqpException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for people; never a password
     * @param errorCondition the AMQP error condition, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    protected AmqpSecurityException(String message, String errorCondition, Throwable cause) {
        super(message);
        setErrorCode(errorCondition);
        if (cause != null) {
            initCause(cause);
        }
    }
}
