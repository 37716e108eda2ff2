package io.amqpra.impl.client;

import io.amqpra.impl.config.Endpoint;

/**
 * Where a peer sent us with {@code amqp:connection:redirect} (AMQP 1.0 section 2.8.15). The
 * redirect's {@code network-host} and {@code port} are the machine to connect to; its
 * {@code hostname} is the virtual host to name in the next open frame, not a machine. The
 * target is tried once per redirect: if that attempt fails, the configured rotation goes on
 * from {@code from}, the endpoint that redirected us.
 *
 * @param target where to connect
 * @param virtualHost the hostname for the next open, or {@code null} to use the configured one
 * @param from the endpoint whose peer sent the redirect
 */
record Redirect(Endpoint target, String virtualHost, Endpoint from) {

    /**
     * Where the rotation stands after an attempt to {@code endpoint}: the endpoint that
     * redirected us there, when the attempt followed a redirect ({@code via}), else the
     * endpoint itself.
     */
    static Endpoint origin(Redirect via, Endpoint endpoint) {
        return via == null ? endpoint : via.from();
    }

    /**
     * The hostname field of an open to {@code endpoint}: the redirect's virtual host when the
     * attempt follows one that names it, else the configured {@code virtualHost}, else the host.
     */
    static String openHostname(Redirect via, String virtualHost, Endpoint endpoint) {
        if (via != null && via.virtualHost() != null) {
            return via.virtualHost();
        }
        return virtualHost != null ? virtualHost : endpoint.host();
    }
}
