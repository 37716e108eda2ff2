package io.amqpra.api.status;

/**
 * One figure the adapter keeps for a connection factory, a listener or a consuming bean. A
 * {@linkplain Type#COUNTER counter} only grows, from the resource's start; a
 * {@linkplain Type#GAUGE gauge} is the value now. Each resource shows the figures that apply to
 * its {@link ResourceStatus.Kind kind}.
 */
public enum Figure {

    /** Outgoing connections open now (pooled, or a consuming bean's). */
    CONNECTIONS_OPEN(Type.GAUGE, "connections-open", "Outgoing connections open now"),
    /** Outgoing connections lost and trying again now. */
    CONNECTIONS_RECONNECTING(Type.GAUGE, "connections-reconnecting", "Outgoing connections lost and reconnecting now"),
    /** Outgoing connections that could not be opened, or gave up reconnecting. */
    CONNECTIONS_FAILED(Type.COUNTER, "connections-failed", "Outgoing connections that failed for good"),
    /** Attempts to connect again after a failed attempt or a lost connection. */
    RECONNECT_ATTEMPTS(Type.COUNTER, "reconnect-attempts", "Reconnect attempts"),
    /** Reconnects that opened on another endpoint than the one lost. */
    FAILOVERS(Type.COUNTER, "failovers", "Reconnects to another endpoint"),

    /** Sends the peer accepted. */
    SENDS_ACCEPTED(Type.COUNTER, "sends-accepted", "Sends the peer accepted"),
    /** Sends the peer rejected. */
    SENDS_REJECTED(Type.COUNTER, "sends-rejected", "Sends the peer rejected"),
    /** Sends the peer released. */
    SENDS_RELEASED(Type.COUNTER, "sends-released", "Sends the peer released"),
    /** Sends the peer settled as modified. */
    SENDS_MODIFIED(Type.COUNTER, "sends-modified", "Sends the peer settled as modified"),
    /** Sends that got no outcome within {@code sendTimeout}. */
    SENDS_TIMED_OUT(Type.COUNTER, "sends-timed-out", "Sends that timed out"),
    /** Sends that failed otherwise: the connection was lost, the link refused, the send cancelled. */
    SENDS_FAILED(Type.COUNTER, "sends-failed", "Sends that failed without an outcome"),
    /** Sends waiting for their outcome now. */
    SENDS_IN_FLIGHT(Type.GAUGE, "sends-in-flight", "Sends waiting for their outcome now"),
    /** The median time from a send to its outcome, in microseconds, over the resource's life. */
    SEND_TIME_P50_MICROS(Type.GAUGE, "send-time-p50-us", "Median time from send to outcome (microseconds)"),
    /** The 99th percentile of the time from a send to its outcome, in microseconds. */
    SEND_TIME_P99_MICROS(Type.GAUGE, "send-time-p99-us", "99th percentile time from send to outcome (microseconds)"),
    /** The longest time from a send to its outcome, in microseconds. */
    SEND_TIME_MAX_MICROS(Type.GAUGE, "send-time-max-us", "Longest time from send to outcome (microseconds)"),

    /** Messages received and accepted (by a bean, or by an application's receive). */
    RECEIVED_ACCEPTED(Type.COUNTER, "received-accepted", "Messages received and accepted"),
    /** Messages received and rejected. */
    RECEIVED_REJECTED(Type.COUNTER, "received-rejected", "Messages received and rejected"),
    /** Messages received and released back to the peer. */
    RECEIVED_RELEASED(Type.COUNTER, "received-released", "Messages received and released"),
    /** Messages received and settled as modified (delivery failed, to be redelivered). */
    RECEIVED_MODIFIED(Type.COUNTER, "received-modified", "Messages received and settled as modified"),
    /** Messages with a bean now. */
    BEANS_IN_FLIGHT(Type.GAUGE, "beans-in-flight", "Messages with a bean now"),
    /** Credit granted to peers and not used yet: how many more messages may arrive unasked. */
    CREDIT_OUTSTANDING(Type.GAUGE, "credit-outstanding", "Credit granted and not used yet"),

    /** Peer connections a listener admitted (their login, if any, succeeded). */
    PEERS_ACCEPTED(Type.COUNTER, "peers-accepted", "Peer connections admitted"),
    /** Peer connections refused because a listener limit was reached. */
    PEERS_REFUSED_LIMIT(Type.COUNTER, "peers-refused-limit", "Peer connections refused at a limit"),
    /** Peer connections refused because their login failed. */
    PEERS_REFUSED_LOGIN(Type.COUNTER, "peers-refused-login", "Peer connections refused at login"),
    /** Peer connections closed for breaking the protocol or failing TLS. */
    PEERS_REFUSED_PROTOCOL(Type.COUNTER, "peers-refused-protocol", "Peer connections closed for a protocol or TLS error"),
    /** Peer connections open now. */
    PEERS_OPEN(Type.GAUGE, "peers-open", "Peer connections open now"),

    /** AMQP bytes read from peers (under TLS: once decrypted). */
    BYTES_IN(Type.COUNTER, "bytes-in", "AMQP bytes read from peers"),
    /** AMQP bytes written to peers (under TLS: before encryption). */
    BYTES_OUT(Type.COUNTER, "bytes-out", "AMQP bytes written to peers");

    /** How a figure behaves over time. */
    public enum Type {
        /** Only grows. */
        COUNTER,
        /** The value now. */
        GAUGE
    }

    private final Type type;
    private final String key;
    private final String description;

    Figure(Type type, String key, String description) {
        this.type = type;
        this.key = key;
        this.description = description;
    }

    /** Whether it only grows or is the value now. */
    public Type type() {
        return type;
    }

    /** The name in the server's management model and in JSON, such as {@code sends-accepted}. */
    public String key() {
        return key;
    }

    /** One line for a person. */
    public String description() {
        return description;
    }
}
