package io.amqpra.impl.config;

import static io.amqpra.impl.config.Property.Group.LIMITS;
import static io.amqpra.impl.config.Property.Group.RECONNECT;
import static io.amqpra.impl.config.Property.Group.SASL;
import static io.amqpra.impl.config.Property.Group.TLS;
import static io.amqpra.impl.config.Property.Group.TRANSPORT;

import java.util.List;

/**
 * Every property of an outgoing connection, each declared once. The connection factory's
 * JavaBean setters store values under these names; {@link ConnectionSettings#from} checks them.
 * A new property is one declaration here, its accessor pair on the connection factory, and
 * its use in the options record of its group.
 */
public final class ConnectionProperties {

    // Transport: where to connect and what the AMQP open announces.
    public static final Property<String> HOST = Property.of("host", String.class, "localhost", TRANSPORT,
            "Host name or IP address of the AMQP peer (IPv6 in brackets or bare)", Endpoints::hostProblem)
            .refusingBlank();
    public static final Property<Integer> PORT = Property.of("port", Integer.class, 5672, TRANSPORT,
            "Port of the AMQP peer", Checks::port);
    public static final Property<String> CONTAINER_ID = Property.of("containerId", String.class, null, TRANSPORT,
            "Container id sent in the open frame, numbered per pooled connection (see uniqueContainerIds); a random"
                    + " one per connection if unset");
    public static final Property<Boolean> UNIQUE_CONTAINER_IDS = Property.of("uniqueContainerIds", Boolean.class,
            true, TRANSPORT, "Each pooled connection sends containerId with -1, -2, ... appended; false sends it "
                    + "unchanged on every one (peers may take them for one client and close the older)");
    public static final Property<String> VIRTUAL_HOST = Property.of("virtualHost", String.class, null, TRANSPORT,
            "Hostname sent in the open frame (virtual host); the host if unset");
    public static final Property<Long> IDLE_TIMEOUT = Property.of("idleTimeout", Long.class, 60_000L, TRANSPORT,
            "Idle timeout in ms announced to the peer; 0 turns heartbeats off", Checks::millisOrZero);
    public static final Property<Integer> MAX_FRAME_SIZE = Property.of("maxFrameSize", Integer.class, 65_536,
            TRANSPORT, "Largest frame in bytes we accept", Checks::frameSize);
    public static final Property<Long> CONNECT_TIMEOUT = Property.of("connectTimeout", Long.class, 15_000L,
            TRANSPORT, "Time in ms to open a connection (TCP, SASL and AMQP open)", Checks::millis);

    // Limits of what a caller waits for.
    public static final Property<Long> SEND_TIMEOUT = Property.of("sendTimeout", Long.class, 30_000L, LIMITS,
            "Time in ms a send waits for the peer's outcome before failing", Checks::millis);
    public static final Property<String> TRANSACTIONS = Property.of("transactions", String.class, "local", LIMITS,
            "local: sends in a JTA transaction join it as an AMQP local transaction, and a peer without "
                    + "transactions fails them; none: they are sent at once, outside any transaction",
            Checks::transactions);
    public static final Property<Integer> MAX_SENDS_IN_FLIGHT = Property.of("maxSendsInFlight", Integer.class, 1000,
            LIMITS, "Sends each connection holds at once, waiting for credit or an outcome; one more waits for "
                    + "room up to sendTimeout (an event-loop thread does not wait but fails)", Checks::atLeastOne);
    public static final Property<Integer> MAX_SENDER_LINKS = Property.of("maxSenderLinks", Integer.class, 100,
            LIMITS, "Sender links each connection keeps attached, one per address; past it, the least recently "
                    + "used link with nothing in flight is detached", Checks::atLeastOne);

    // TLS.
    public static final Property<String> TRANSPORT_KIND = Property.of("transport", String.class, "tcp", TLS,
            "tcp, or tls for TLS (amqps)", Checks::transport);
    public static final Property<String> KEY_STORE = Property.of("keyStore", String.class, null, TLS,
            "Key store with the client certificate for mutual TLS (and SASL EXTERNAL)");
    public static final Property<String> KEY_STORE_PASSWORD = Property.secret("keyStorePassword", TLS,
            "Password of the key store");
    public static final Property<String> KEY_STORE_TYPE = Property.of("keyStoreType", String.class, "PKCS12", TLS,
            "Type of the key store");
    public static final Property<String> TRUST_STORE = Property.of("trustStore", String.class, null, TLS,
            "Trust store for the peer's certificate; the JDK's trusted CAs if unset");
    public static final Property<String> TRUST_STORE_PASSWORD = Property.secret("trustStorePassword", TLS,
            "Password of the trust store");
    public static final Property<String> TRUST_STORE_TYPE = Property.of("trustStoreType", String.class, "PKCS12",
            TLS, "Type of the trust store");
    public static final Property<Boolean> VERIFY_HOST = Property.of("verifyHost", Boolean.class, true, TLS,
            "Check that the peer's certificate matches the host name");
    public static final Property<String> ENABLED_PROTOCOLS = Property.of("enabledProtocols", String.class, null,
            TLS, "TLS protocols to allow, comma-separated");
    public static final Property<String> ENABLED_CIPHER_SUITES = Property.of("enabledCipherSuites", String.class,
            null, TLS, "TLS cipher suites to allow, comma-separated");

    // SASL.
    public static final Property<String> USERNAME = Property.of("username", String.class, null, SASL,
            "User for SASL PLAIN; without one, SASL ANONYMOUS is used");
    public static final Property<String> PASSWORD = Property.secret("password", SASL, "Password for SASL PLAIN");
    public static final Property<String> SASL_MECHANISMS = Property.of("saslMechanisms", String.class, null, SASL,
            "SASL mechanisms we may use, comma-separated: PLAIN, EXTERNAL, ANONYMOUS (all if unset)",
            Checks::mechanisms);

    // Reconnect and failover.
    public static final Property<Boolean> RECONNECT_ON = Property.of("reconnect", Boolean.class, true, RECONNECT,
            "Reconnect after a lost connection; false turns it off");
    public static final Property<Long> INITIAL_RECONNECT_DELAY = Property.of("initialReconnectDelay", Long.class,
            100L, RECONNECT, "Delay in ms before the first reconnect attempt", Checks::millisOrZero);
    public static final Property<Long> MAX_RECONNECT_DELAY = Property.of("maxReconnectDelay", Long.class, 60_000L,
            RECONNECT, "Largest delay in ms between reconnect attempts", Checks::millisOrZero);
    public static final Property<Double> RECONNECT_BACKOFF_MULTIPLIER = Property.of("reconnectBackoffMultiplier",
            Double.class, 2.0, RECONNECT, "Factor by which the delay grows after each attempt", Checks::multiplier);
    public static final Property<Double> RECONNECT_JITTER = Property.of("reconnectJitter", Double.class, 0.0,
            RECONNECT, "Random spread of each delay, a fraction from 0 to 1", Checks::fraction);
    public static final Property<Integer> RECONNECT_LIMIT = Property.of("reconnectLimit", Integer.class, -1,
            RECONNECT, "Attempts after a connection is lost; -1 for unlimited", Checks::attempts);
    public static final Property<Integer> STARTUP_RECONNECT_LIMIT = Property.of("startupReconnectLimit",
            Integer.class, null, RECONNECT, "Attempts for the first connection; reconnectLimit if unset",
            Checks::attempts);
    public static final Property<String> FAILOVER_HOSTS = Property.of("failoverHosts", String.class, null,
            RECONNECT, "Alternate endpoints tried round robin after host:port, as host:port,host:port",
            Endpoints::listProblem);
    public static final Property<String> CONNECTION_DETAILS_PROVIDER = Property.of("connectionDetailsProvider",
            String.class, null, RECONNECT,
            "Class implementing io.amqpra.api.ConnectionDetailsProvider, asked before each attempt");
    public static final Property<Boolean> USE_SERVER_FAILOVER_LIST = Property.of("useServerFailoverList",
            Boolean.class, true, RECONNECT,
            "Follow amqp:connection:redirect and the failover-server-list a broker announces");
    public static final Property<Boolean> RESEND_ON_RECONNECT = Property.of("resendOnReconnect", Boolean.class,
            true, RECONNECT, "Resend messages whose outcome was lost with the connection (at least once)");

    /** All of them, in the order the README lists them. */
    public static final List<Property<?>> ALL = List.of(HOST, PORT, USERNAME, PASSWORD, CONTAINER_ID,
            UNIQUE_CONTAINER_IDS, VIRTUAL_HOST, IDLE_TIMEOUT, MAX_FRAME_SIZE, CONNECT_TIMEOUT, SEND_TIMEOUT,
            TRANSACTIONS, MAX_SENDS_IN_FLIGHT, MAX_SENDER_LINKS,
            RECONNECT_ON, INITIAL_RECONNECT_DELAY, MAX_RECONNECT_DELAY, RECONNECT_BACKOFF_MULTIPLIER,
            RECONNECT_JITTER, RECONNECT_LIMIT, STARTUP_RECONNECT_LIMIT, FAILOVER_HOSTS,
            CONNECTION_DETAILS_PROVIDER, USE_SERVER_FAILOVER_LIST, RESEND_ON_RECONNECT,
            TRANSPORT_KIND, TRUST_STORE, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, KEY_STORE,
            KEY_STORE_PASSWORD, KEY_STORE_TYPE, VERIFY_HOST, ENABLED_PROTOCOLS, ENABLED_CIPHER_SUITES,
            SASL_MECHANISMS);

    /** The properties only connection factories take: a consuming bean's activation has none of them. */
    public static final List<Property<?>> FACTORY_ONLY = List.of(UNIQUE_CONTAINER_IDS, TRANSACTIONS,
            MAX_SENDS_IN_FLIGHT, MAX_SENDER_LINKS);

    private ConnectionProperties() {
    }
}
