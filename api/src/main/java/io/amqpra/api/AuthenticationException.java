package io.amqpra.api;

/**
 * The peer refused the credentials. Retrying with the same credentials will not help.
 */
public class AuthenticationException extends AmqpSecurityException {

    private static final long serialVersionUID = 1L;

    /** A refusal described by {@code message} (never the password); its condition is {@code amqp:unauthorized-access}. */
    public AuthenticationException(String message) {
        super(message, "amqp:unauthorized-access", null);
    }
}
