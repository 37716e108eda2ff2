package io.amqpra.impl.inbound;

import static io.amqpra.impl.config.ListenerProperties.*;

import io.amqpra.impl.config.Checks;
import io.amqpra.impl.config.Endpoints;
import io.amqpra.impl.config.InvalidSettingException;
import io.amqpra.impl.config.PropertyValues;
import io.amqpra.impl.config.TlsOptions;
import io.netty.handler.ssl.ClientAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checked settings of one listening activation.
 *
 * @param tls the listener's TLS, or {@code null} for plain TCP
 * @param sendExceptionText whether a rejection tells the peer what the bean threw, rather than a reference
 * @param authenticator what checks PLAIN logins: a class name, or {@link #DOMAIN_PREFIX} and a domain
 */
record ListenerSettings(String host, int port, AddressPatterns addresses, int maxConcurrency,
                        long idleTimeoutMillis, int maxFrameSize, PeerLimits limits,
                        String containerId, boolean releaseOnError, boolean sendExceptionText,
                        long handshakeTimeoutMillis, int maxMessageSize, List<String> saslMechanisms,
                        TlsOptions tls, ClientAuth clientAuth, String authenticator, int linkCredit) {

    /** Marks {@link #authenticator()} as the name of an Elytron security domain, not a class. */
    static final String DOMAIN_PREFIX = "domain:";

    /** Checks every property of {@code values}. */
    static ListenerSettings from(PropertyValues values) throws InvalidSettingException {
        AddressPatterns patterns;
        try {
            patterns = AddressPatterns.parse(ADDRESS.get(values));
        } catch (IllegalArgumentException e) {
            throw values.invalid(ADDRESS, ADDRESS.get(values), e.getMessage());
        }
        int concurrency = MAX_CONCURRENCY.get(values);
        Integer credit = LINK_CREDIT.get(values);
        TlsOptions tls = tls(values);
        ClientAuth auth = clientAuth(values, tls);
        String checker = checker(values);
        return new ListenerSettings(Endpoints.host(HOST.get(values)), PORT.get(values), patterns, concurrency,
                IDLE_TIMEOUT.get(values), MAX_FRAME_SIZE.get(values), PeerLimits.from(values),
                CONTAINER_ID.get(values), ON_ERROR.get(values).trim().equalsIgnoreCase("release"),
                SEND_EXCEPTION_TEXT.get(values), HANDSHAKE_TIMEOUT.get(values), MAX_MESSAGE_SIZE.get(values),
                mechanisms(values, checker, auth), tls, auth, checker, credit == null ? Math.min(1000, concurrency * 10) : credit);
    }

    private static TlsOptions tls(PropertyValues values) throws InvalidSettingException {
        String keyStore = KEY_STORE.get(values);
        return keyStore == null ? null : new TlsOptions(keyStore, KEY_STORE_PASSWORD.get(values),
                KEY_STORE_TYPE.get(values), TRUST_STORE.get(values), TRUST_STORE_PASSWORD.get(values),
                TRUST_STORE_TYPE.get(values), Checks.list(ENABLED_PROTOCOLS.get(values)), List.of(), false);
    }

    private static ClientAuth clientAuth(PropertyValues values, TlsOptions tls) throws InvalidSettingException {
        String raw = CLIENT_AUTH.get(values);
        ClientAuth auth = switch (raw.trim().toLowerCase()) {
            case "want" -> ClientAuth.OPTIONAL;
            case "need" -> ClientAuth.REQUIRE;
            default -> ClientAuth.NONE;
        };
        if (auth != ClientAuth.NONE && tls == null) {
            throw values.invalid(CLIENT_AUTH, raw, "client certificates need TLS: set 'keyStore'");
        }
        if (auth != ClientAuth.NONE && tls.trustStore() == null) {
            // The JDK's public CAs would vouch for any publicly issued certificate.
            throw values.invalid(CLIENT_AUTH, raw, "client certificates are checked against a 'trustStore' of"
                    + " the certificates you trust; set one");
        }
        return auth;
    }

    /** What checks PLAIN logins, or {@code null}. */
    private static String checker(PropertyValues values) throws InvalidSettingException {
        String authenticator = AUTHENTICATOR.get(values);
        String domain = SECURITY_DOMAIN.get(values);
        if (authenticator != null && domain != null) {
            throw values.invalid(SECURITY_DOMAIN, domain, "set either 'authenticator' or 'securityDomain', not both");
        }
        return domain != null ? DOMAIN_PREFIX + domain.trim() : authenticator == null ? null : authenticator.trim();
    }

    private static List<String> mechanisms(PropertyValues values, String checker, ClientAuth auth)
            throws InvalidSettingException {
        String raw = SASL_MECHANISMS.get(values);
        if (raw == null && checker == null) {
            // A listener faces the network: letting anyone in must be a decision, not a default.
            throw values.invalid(SASL_MECHANISMS, null, "say who may connect: 'ANONYMOUS' lets any peer in;"
                    + " or set 'securityDomain' or 'authenticator' to check user names and passwords (PLAIN)");
        }
        List<String> mechanisms = raw == null ? List.of("PLAIN") : Checks.list(raw.toUpperCase());
        if (mechanisms.contains("PLAIN") && checker == null) {
            throw values.invalid(SASL_MECHANISMS, raw, "PLAIN needs an 'authenticator' or a 'securityDomain'"
                    + " to check passwords");
        }
        if (mechanisms.contains("EXTERNAL") && auth == ClientAuth.NONE) {
            throw values.invalid(SASL_MECHANISMS, raw, "EXTERNAL needs client certificates: set clientAuth");
        }
        return mechanisms;
    }

    /**
     * The properties in which this activation would want another listener than {@code shared},
     * the one already on its host and port: they belong to the socket, not to a bean.
     */
    List<String> differencesFrom(ListenerSettings shared) {
        List<String> names = new ArrayList<>();
        differ(names, "idleTimeout", idleTimeoutMillis, shared.idleTimeoutMillis);
        differ(names, "maxFrameSize", maxFrameSize, shared.maxFrameSize);
        differ(names, "maxConnections", limits.maxConnections(), shared.limits.maxConnections());
        differ(names, "maxUnauthenticatedConnections", limits.maxUnauthenticated(), shared.limits.maxUnauthenticated());
        differ(names, "maxSessionsPerConnection", limits.maxSessions(), shared.limits.maxSessions());
        differ(names, "maxLinksPerConnection", limits.maxLinks(), shared.limits.maxLinks());
        differ(names, "maxBufferedBytes", limits.maxBufferedBytes(), shared.limits.maxBufferedBytes());
        differ(names, "containerId", containerId, shared.containerId);
        differ(names, "handshakeTimeout", handshakeTimeoutMillis, shared.handshakeTimeoutMillis);
        differ(names, "saslMechanisms", saslMechanisms, shared.saslMechanisms);
        differ(names, "keyStore, trustStore, enabledProtocols", tls, shared.tls);
        differ(names, "clientAuth", clientAuth, shared.clientAuth);
        differ(names, "authenticator, securityDomain", authenticator, shared.authenticator);
        return names;
    }

    private static void differ(List<String> names, String name, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            names.add(name);
        }
    }

    /** Activations with the same key share one listening socket. Port 0 never shares. */
    String key() {
        return port == 0 ? null : host + "|" + port;
    }
}
