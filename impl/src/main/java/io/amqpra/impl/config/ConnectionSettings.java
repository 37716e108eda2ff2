package io.amqpra.impl.config;

/**
 * The checked, immutable settings of an outgoing connection, grouped as the properties are.
 * Built from the values a connection factory's descriptor set; every check names the property
 * and the value it refused.
 *
 * @param tls the TLS options, or {@code null} for plain TCP
 */
public record ConnectionSettings(TransportOptions transport, TlsOptions tls, SaslOptions sasl,
                                 ReconnectPolicy reconnect, Limits limits) {

    /** Checks every property of {@code values} and groups them. */
    public static ConnectionSettings from(PropertyValues values) throws InvalidSettingException {
        return new ConnectionSettings(TransportOptions.from(values), TlsOptions.from(values),
                SaslOptions.from(values), ReconnectPolicy.from(values), Limits.from(values));
    }

    /** The settings with other credentials, as used by application sign-on. */
    public ConnectionSettings withCredentials(String user, String pass) {
        return new ConnectionSettings(transport, tls, sasl.withCredentials(user, pass), reconnect, limits);
    }

    /** The settings with a container id, where none was configured. */
    public ConnectionSettings withDefaultContainerId(String containerId) {
        return transport.containerId() != null ? this : withContainerId(containerId);
    }

    /** The settings with {@code containerId} in place of the configured one. */
    public ConnectionSettings withContainerId(String containerId) {
        TransportOptions t = transport;
        return new ConnectionSettings(new TransportOptions(t.endpoint(), containerId, t.virtualHost(),
                t.idleTimeoutMillis(), t.maxFrameSize(), t.connectTimeoutMillis()), tls, sasl, reconnect, limits);
    }

    /** The endpoint configured first: {@code host} and {@code port}. */
    public Endpoint endpoint() {
        return transport.endpoint();
    }
}
