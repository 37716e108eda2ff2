package io.amqpra.api;

/**
 * The peer refused the credentials. Retrying with the same credentials will not help.
 */
public class AuthenticationException extends AmqpSecurityException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused, for people; never the password
     */
    public AuthenticationException(String message) {
        super(message, "amqp:unauthorized-access", null);
    }
}
