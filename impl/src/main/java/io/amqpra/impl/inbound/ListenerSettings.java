package io.amqpra.impl.inbound;

/** The checked settings of one activation. */
record ListenerSettings(String host, int port, AddressPatterns addresses, int maxConcurrency,
                        long idleTimeoutMillis, int maxFrameSize, int maxConnections,
                        String containerId, boolean releaseOnError, long handshakeTimeoutMillis,
                        int maxMessageSize, java.util.List<String> saslMechanisms,
                        io.amqpra.impl.transport.TlsSettings tls, io.netty.handler.ssl.ClientAuth clientAuth,
                        String authenticator, int linkCredit) {

    /** Marks {@link #authenticator()} as the name of an Elytron security domain, not a class. */
    static final String DOMAIN_PREFIX = "domain:";

    /** Activations with the same key share one listening socket. Port 0 never shares. */
    String key() {
        return port == 0 ? null : host + "|" + port;
    }
}
