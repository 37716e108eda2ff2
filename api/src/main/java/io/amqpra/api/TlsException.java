package io.amqpra.api;

/**
 * The TLS handshake with the peer failed: its certificate is not trusted or does not match its
 * host name, it refused our certificate, or the two sides share no protocol or cipher. The
 * {@linkplain #getCause() cause} holds the TLS layer's own exception.
 */
public class TlsException extends AmqpSecurityException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for people
     * @param cause the TLS layer's exception
     */
    public TlsException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
