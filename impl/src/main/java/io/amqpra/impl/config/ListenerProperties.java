package io.amqpra.impl.config;

import static io.amqpra.impl.config.Property.Group.LIMITS;
import static io.amqpra.impl.config.Property.Group.LISTENER;
import static io.amqpra.impl.config.Property.Group.SASL;
import static io.amqpra.impl.config.Property.Group.TLS;
import static io.amqpra.impl.config.Property.Group.TRANSPORT;

import java.util.List;

/**
 * Every activation config property of a message-driven bean that listens for AMQP peers, each
 * declared once. Where a name is also a connection property, the listener's default and meaning
 * may differ (it binds {@code 0.0.0.0}, its frames are small); the TLS store details are shared.
 */
public final class ListenerProperties {

    public static final Property<String> HOST = Property.of("host", String.class, "0.0.0.0", TRANSPORT,
            "Interface to listen on: 0.0.0.0 for all IPv4, :: or [::] for all IPv6, or a name or address",
            Endpoints::hostProblem).refusingBlank();
    public static final Property<Integer> PORT = Property.of("port", Integer.class, 5672, TRANSPORT,
            "Port to listen on; 0 for an ephemeral port",
            p -> p < 0 || p > 65535 ? "a port must be 0..65535 (0 for an ephemeral one)" : null);
    public static final Property<String> ADDRESS = Property.of("address", String.class, "*", LISTENER,
            "Target addresses this bean serves: comma-separated, '*' matches any run of characters");
    public static final Property<Integer> MAX_CONCURRENCY = Property.of("maxConcurrency", Integer.class, 10,
            LISTENER, "Messages handed to the bean at once", Checks::atLeastOne);
    public static final Property<Integer> LINK_CREDIT = Property.of("linkCredit", Integer.class, null, LIMITS,
            "Credit each peer link gets: messages it may have in flight; 10 x maxConcurrency, at most 1000, if unset",
            c -> c == null ? null : Checks.atLeastOne(c));
    public static final Property<Long> IDLE_TIMEOUT = Property.of("idleTimeout", Long.class, 60_000L, TRANSPORT,
            "Idle timeout in ms announced to peers; 0 for none", Checks::millisOrZero);
    // Proton-J keeps an input and an output buffer of this size for every connection, so it sets
    // the memory an idle peer costs; larger messages simply span several frames.
    public static final Property<Integer> MAX_FRAME_SIZE = Property.of("maxFrameSize", Integer.class, 4_096,
            TRANSPORT, "Largest frame in bytes; each peer connection holds two buffers of this size",
            Checks::frameSize);
    public static final Property<Integer> MAX_CONNECTIONS = Property.of("maxConnections", Integer.class, 1000,
            LIMITS, "Peer connections accepted at once on this listener", Checks::atLeastOne);
    public static final Property<Integer> MAX_UNAUTHENTICATED_CONNECTIONS = Property.of(
            "maxUnauthenticatedConnections", Integer.class, 100, LIMITS, "Connections still in their handshake"
            + " (protocol header, SASL, AMQP open) at once; more are dropped at once. They do not count"
            + " against maxConnections", Checks::atLeastOne);
    public static final Property<Integer> MAX_SESSIONS_PER_CONNECTION = Property.of("maxSessionsPerConnection",
            Integer.class, 64, LIMITS, "Sessions one peer connection may have at once (announced as its"
            + " channel-max); one more closes the connection", Checks::atLeastOne);
    public static final Property<Integer> MAX_LINKS_PER_CONNECTION = Property.of("maxLinksPerConnection",
            Integer.class, 256, LIMITS, "Links one peer connection may have attached at once; one more is"
            + " refused", Checks::atLeastOne);
    public static final Property<Long> MAX_BUFFERED_BYTES = Property.of("maxBufferedBytes", Long.class,
            64L * 1024 * 1024, LIMITS, "Bytes of received messages the listener holds at once, waiting for"
            + " or with a bean; at this, credit is withheld and reading pauses until beans catch up",
            Checks::atLeastOneByte);
    public static final Property<String> CONTAINER_ID = Property.of("containerId", String.class, null, TRANSPORT,
            "Container id in our open frame; the listener's host and port if unset");
    public static final Property<String> ON_ERROR = Property.of("onError", String.class, "reject", LISTENER,
            "Outcome when the bean throws: 'reject' (with the error) or 'release' (to be redelivered)",
            v -> Checks.oneOf(v, "reject", "release") == null ? null : "'reject' or 'release'");
    public static final Property<Boolean> SEND_EXCEPTION_TEXT = Property.of("sendExceptionText", Boolean.class, false,
            LISTENER, "true: a rejection (onError=reject) describes what the bean threw, class and message, to the"
            + " peer; false: it names a reference under which the server logs the exception");
    public static final Property<Long> HANDSHAKE_TIMEOUT = Property.of("handshakeTimeout", Long.class, 10_000L,
            LIMITS, "Time in ms a peer has from connecting to its AMQP open (protocol header and SASL)",
            Checks::millis);
    public static final Property<Integer> MAX_MESSAGE_SIZE = Property.of("maxMessageSize", Integer.class,
            16 * 1024 * 1024, LIMITS, "Largest message in bytes accepted from a peer", Checks::atLeastOne);
    public static final Property<String> SASL_MECHANISMS = Property.of("saslMechanisms", String.class, null, SASL,
            "SASL mechanisms offered: ANONYMOUS (only when listed), PLAIN (the default with a securityDomain or"
            + " authenticator), EXTERNAL", Checks::mechanisms);
    public static final Property<String> AUTHENTICATOR = Property.of("authenticator", String.class, null, SASL,
            "Class implementing io.amqpra.api.AmqpAuthenticator that checks PLAIN user names and passwords");
    public static final Property<String> SECURITY_DOMAIN = Property.of("securityDomain", String.class, null, SASL,
            "Elytron security domain that checks PLAIN user names and passwords (WildFly)");
    public static final Property<String> KEY_STORE = Property.of("keyStore", String.class, null, TLS,
            "Key store with the listener's certificate; setting it makes the listener TLS only");
    public static final Property<String> TRUST_STORE = Property.of("trustStore", String.class, null, TLS,
            "Trust store for client certificates");
    public static final Property<String> CLIENT_AUTH = Property.of("clientAuth", String.class, "none", TLS,
            "Client certificates: none, want or need", v -> Checks.oneOf(v, "none", "want", "need"));
    public static final Property<String> KEY_STORE_PASSWORD = ConnectionProperties.KEY_STORE_PASSWORD;
    public static final Property<String> KEY_STORE_TYPE = ConnectionProperties.KEY_STORE_TYPE;
    public static final Property<String> TRUST_STORE_PASSWORD = ConnectionProperties.TRUST_STORE_PASSWORD;
    public static final Property<String> TRUST_STORE_TYPE = ConnectionProperties.TRUST_STORE_TYPE;
    public static final Property<String> ENABLED_PROTOCOLS = ConnectionProperties.ENABLED_PROTOCOLS;

    /** All of them. */
    public static final List<Property<?>> ALL = List.of(HOST, PORT, ADDRESS, MAX_CONCURRENCY, LINK_CREDIT,
            IDLE_TIMEOUT, MAX_FRAME_SIZE, MAX_CONNECTIONS, MAX_UNAUTHENTICATED_CONNECTIONS, MAX_SESSIONS_PER_CONNECTION,
            MAX_LINKS_PER_CONNECTION, MAX_BUFFERED_BYTES, CONTAINER_ID, ON_ERROR, SEND_EXCEPTION_TEXT,
            HANDSHAKE_TIMEOUT, MAX_MESSAGE_SIZE, SASL_MECHANISMS, AUTHENTICATOR, SECURITY_DOMAIN, KEY_STORE, KEY_STORE_PASSWORD,
            KEY_STORE_TYPE, TRUST_STORE, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE, CLIENT_AUTH, ENABLED_PROTOCOLS);

    private ListenerProperties() {
    }
}
