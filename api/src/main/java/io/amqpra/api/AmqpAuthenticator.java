package io.amqpra.api;

/**
 * Checks the user name and password an AMQP peer gives (SASL PLAIN) when it connects to a
 * listener. Name the implementing class in the activation's {@code authenticator} property; it is
 * loaded with the message-driven bean's class loader and needs a public no-argument constructor.
 *
 * <p>Called on a container thread, never on a network thread, once per login attempt. The
 * password is not kept or logged by the adapter.
 */
public interface AmqpAuthenticator {

    /**
     * Decides one login attempt.
     *
     * @param username the user the peer names
     * @param password its password; overwritten with zeros after the call returns
     * @param remoteAddress the peer's network address, for logging or rate limits
     * @return {@code true} to let the peer in as {@code username}; a RuntimeException counts as
     *         {@code false} and is logged
     */
    boolean authenticate(String username, char[] password, String remoteAddress);
}
