package io.amqpra.api;

import java.util.Objects;

/** A host and port to connect to. IPv6 addresses without brackets. */
public record ConnectionDetails(String host, int port) {

    public ConnectionDetails {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }
}
