package io.amqpra.impl.inbound;

import static io.amqpra.impl.config.ListenerProperties.MAX_BUFFERED_BYTES;
import static io.amqpra.impl.config.ListenerProperties.MAX_CONNECTIONS;
import static io.amqpra.impl.config.ListenerProperties.MAX_LINKS_PER_CONNECTION;
import static io.amqpra.impl.config.ListenerProperties.MAX_SESSIONS_PER_CONNECTION;
import static io.amqpra.impl.config.ListenerProperties.MAX_UNAUTHENTICATED_CONNECTIONS;

import io.amqpra.impl.config.InvalidSettingException;
import io.amqpra.impl.config.PropertyValues;

/**
 * What peers may take of a listener: they belong to the socket, so every bean sharing it must
 * agree on them.
 *
 * @param maxConnections peer connections past their AMQP open, at once
 * @param maxUnauthenticated connections still in their handshake, counted apart, so that idle
 *        sockets cannot lock out peers that log in
 * @param maxSessions sessions per connection, announced as channel-max
 * @param maxLinks links attached per connection
 * @param maxBufferedBytes bytes of received messages held at once, for all peers
 */
record PeerLimits(int maxConnections, int maxUnauthenticated, int maxSessions, int maxLinks,
                  long maxBufferedBytes) {

    static PeerLimits from(PropertyValues values) throws InvalidSettingException {
        return new PeerLimits(MAX_CONNECTIONS.get(values), MAX_UNAUTHENTICATED_CONNECTIONS.get(values),
                MAX_SESSIONS_PER_CONNECTION.get(values), MAX_LINKS_PER_CONNECTION.get(values),
                MAX_BUFFERED_BYTES.get(values));
    }
}
