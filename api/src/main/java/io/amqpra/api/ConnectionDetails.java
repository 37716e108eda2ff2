package io.amqpra.api;

import java.util.Objects;

/**
 * A host and port to connect to.
 *
 * @param host a host name or IP address (IPv6 without brackets); never {@code null}
 * @param port the TCP port, 1..65535
 */
public record ConnectionDetails(String host, int port) {

    /**
     * Checks the values: a {@code null} host throws NullPointerException, a port outside 1..65535
     * throws IllegalArgumentException.
     */
    public ConnectionDetails {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }
}
