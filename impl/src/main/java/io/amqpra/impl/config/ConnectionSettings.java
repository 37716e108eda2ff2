package io.amqpra.impl.config;

import java.net.IDN;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validated, immutable settings of an outgoing connection. Built from the raw config
 * properties of a connection factory; every check names the property and the value it refused.
 */
public record ConnectionSettings(Endpoint endpoint, String username, String password,
                                 String containerId, String virtualHost, long idleTimeoutMillis,
                                 int maxFrameSize, long connectTimeoutMillis,
                                 long sendTimeoutMillis, ReconnectPolicy reconnect,
                                 io.amqpra.impl.transport.TlsSettings tls,
                                 io.netty.handler.ssl.SslContext sslContext, List<String> saslMechanisms) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 5672;
    public static final long DEFAULT_IDLE_TIMEOUT = 60_000;
    public static final int DEFAULT_MAX_FRAME_SIZE = 65_536;
    public static final long DEFAULT_CONNECT_TIMEOUT = 15_000;
    public static final long DEFAULT_SEND_TIMEOUT = 30_000;

    /** The smallest frame size AMQP 1.0 allows (section 2.7.1). */
    static final int MIN_MAX_FRAME_SIZE = 512;

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    public ConnectionSettings {
        if (password != null && username == null) {
            throw new IllegalArgumentException("password without username");
        }
    }

    /** The settings with other credentials, as used by application sign-on. */
    public ConnectionSettings withCredentials(String user, String pass) {
        return new ConnectionSettings(endpoint, user, pass, containerId, virtualHost,
                idleTimeoutMillis, maxFrameSize, connectTimeoutMillis, sendTimeoutMillis, reconnect, tls, sslContext,
                saslMechanisms);
    }

    /** Mutable raw values as a descriptor gave them, validated by {@link #build()}. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private Integer port = DEFAULT_PORT;
        private String username;
        private String password;
        private String containerId;
        private String virtualHost;
        private Long idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Integer maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private Long connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Long sendTimeout = DEFAULT_SEND_TIMEOUT;
        private Boolean reconnect = true;
        private Long initialReconnectDelay = 100L;
        private Long maxReconnectDelay = 60_000L;
        private Double reconnectBackoffMultiplier = 2.0;
        private Double reconnectJitter = 0.0;
        private Integer reconnectLimit = -1;
        private Integer startupReconnectLimit;
        private String failoverHosts;
        private Boolean useServerFailoverList = true;
        private Boolean resendOnReconnect = true;
        private String connectionDetailsProvider;
        private String transport = "tcp";
        private String keyStore;
        private String keyStorePassword;
        private String keyStoreType = "PKCS12";
        private String trustStore;
        private String trustStorePassword;
        private String trustStoreType = "PKCS12";
        private Boolean verifyHost = true;
        private String enabledProtocols;
        private String enabledCipherSuites;
        private String saslMechanisms;

        public Builder host(String v) { host = v; return this; }
        public Builder port(Integer v) { port = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder containerId(String v) { containerId = v; return this; }
        public Builder virtualHost(String v) { virtualHost = v; return this; }
        public Builder idleTimeout(Long v) { idleTimeout = v; return this; }
        public Builder maxFrameSize(Integer v) { maxFrameSize = v; return this; }
        public Builder connectTimeout(Long v) { connectTimeout = v; return this; }
        public Builder sendTimeout(Long v) { sendTimeout = v; return this; }
        public Builder reconnect(Boolean v) { reconnect = v; return this; }
        public Builder initialReconnectDelay(Long v) { initialReconnectDelay = v; return this; }
        public Builder maxReconnectDelay(Long v) { maxReconnectDelay = v; return this; }
        public Builder reconnectBackoffMultiplier(Double v) { reconnectBackoffMultiplier = v; return this; }
        public Builder reconnectJitter(Double v) { reconnectJitter = v; return this; }
        public Builder reconnectLimit(Integer v) { reconnectLimit = v; return this; }
        public Builder startupReconnectLimit(Integer v) { startupReconnectLimit = v; return this; }
        public Builder failoverHosts(String v) { failoverHosts = v; return this; }
        public Builder useServerFailoverList(Boolean v) { useServerFailoverList = v; return this; }
        public Builder resendOnReconnect(Boolean v) { resendOnReconnect = v; return this; }
        public Builder connectionDetailsProvider(String v) { connectionDetailsProvider = v; return this; }
        public Builder transport(String v) { transport = v; return this; }
        public Builder keyStore(String v) { keyStore = v; return this; }
        public Builder keyStorePassword(String v) { keyStorePassword = v; return this; }
        public Builder keyStoreType(String v) { keyStoreType = v; return this; }
        public Builder trustStore(String v) { trustStore = v; return this; }
        public Builder trustStorePassword(String v) { trustStorePassword = v; return this; }
        public Builder trustStoreType(String v) { trustStoreType = v; return this; }
        public Builder verifyHost(Boolean v) { verifyHost = v; return this; }
        public Builder enabledProtocols(String v) { enabledProtocols = v; return this; }
        public Builder enabledCipherSuites(String v) { enabledCipherSuites = v; return this; }
        public Builder saslMechanisms(String v) { saslMechanisms = v; return this; }

        public ConnectionSettings build() throws InvalidSettingException {
            String h = parseHost("host", host);
            int p = port == null ? DEFAULT_PORT : port;
            checkPort("port", p);
            String user = blankToNull(username);
            String pass = blankToNull(password);
            if (pass != null && user == null) {
                throw new InvalidSettingException("password", "****",
                        "a password needs a username; set 'username' too");
            }
            return new ConnectionSettings(new Endpoint(h, p), user, pass,
                    blankToNull(containerId), blankToNull(virtualHost),
                    nonNegative("idleTimeout", idleTimeout, DEFAULT_IDLE_TIMEOUT),
                    frameSize(maxFrameSize),
                    positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT),
                    positive("sendTimeout", sendTimeout, DEFAULT_SEND_TIMEOUT),
                    reconnectPolicy(), tls(), sslContext(tls()), mechanisms());
        }

        private io.amqpra.impl.transport.TlsSettings tls() throws InvalidSettingException {
            String t = transport == null ? "tcp" : transport.trim().toLowerCase();
            if (t.equals("tcp")) {
                return null;
            }
            if (!t.equals("tls") && !t.equals("ssl") && !t.equals("amqps")) {
                throw new InvalidSettingException("transport", transport, "'tcp' or 'tls'");
            }
            return new io.amqpra.impl.transport.TlsSettings(blankToNull(keyStore), keyStorePassword, keyStoreType,
                    blankToNull(trustStore), trustStorePassword, trustStoreType,
                    io.amqpra.impl.transport.TlsSettings.list(enabledProtocols),
                    io.amqpra.impl.transport.TlsSettings.list(enabledCipherSuites), verifyHost == null || verifyHost);
        }

        private io.netty.handler.ssl.SslContext sslContext(io.amqpra.impl.transport.TlsSettings tls)
                throws InvalidSettingException {
            if (tls == null) {
                return null;
            }
            try {
                return tls.clientContext();
            } catch (jakarta.resource.spi.InvalidPropertyException e) {
                throw new InvalidSettingException(e.getMessage());
            }
        }

        private List<String> mechanisms() throws InvalidSettingException {
            List<String> list = io.amqpra.impl.transport.TlsSettings.list(
                    saslMechanisms == null ? null : saslMechanisms.toUpperCase());
            for (String m : list) {
                if (!List.of("ANONYMOUS", "PLAIN", "EXTERNAL").contains(m)) {
                    throw new InvalidSettingException("saslMechanisms", saslMechanisms,
                            "'" + m + "' is not one of ANONYMOUS, PLAIN, EXTERNAL");
                }
            }
            return list.isEmpty() ? List.of("PLAIN", "EXTERNAL", "ANONYMOUS") : list;
        }

        private ReconnectPolicy reconnectPolicy() throws InvalidSettingException {
            long initial = nonNegative("initialReconnectDelay", initialReconnectDelay, 100);
            long max = nonNegative("maxReconnectDelay", maxReconnectDelay, 60_000);
            if (max < initial) {
                throw new InvalidSettingException("maxReconnectDelay", max,
                        "must not be less than initialReconnectDelay (" + initial + ")");
            }
            double multiplier = reconnectBackoffMultiplier == null ? 2.0 : reconnectBackoffMultiplier;
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new InvalidSettingException("reconnectBackoffMultiplier", reconnectBackoffMultiplier,
                        "a number of 1.0 or more");
            }
            double jitter = reconnectJitter == null ? 0 : reconnectJitter;
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new InvalidSettingException("reconnectJitter", reconnectJitter, "a fraction from 0 to 1");
            }
            int limit = limit("reconnectLimit", reconnectLimit, -1);
            int startup = limit("startupReconnectLimit", startupReconnectLimit, limit);
            String provider = blankToNull(connectionDetailsProvider);
            return new ReconnectPolicy(reconnect == null || reconnect, initial, max, multiplier, jitter,
                    limit, startup, parseEndpoints("failoverHosts", failoverHosts),
                    resendOnReconnect == null || resendOnReconnect,
                    useServerFailoverList == null || useServerFailoverList, provider);
        }
    }

    /** -1 (or any negative) means unlimited. */
    private static int limit(String property, Integer value, int fallback) throws InvalidSettingException {
        if (value == null) {
            return fallback;
        }
        if (value < -1) {
            throw new InvalidSettingException(property, value, "a number of attempts, or -1 for unlimited");
        }
        return value;
    }

    /**
     * Parses {@code host:port,host:port} with IPv6 literals in brackets ({@code [::1]:5672}).
     */
    public static java.util.List<Endpoint> parseEndpoints(String property, String raw)
            throws InvalidSettingException {
        java.util.List<Endpoint> endpoints = new java.util.ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return endpoints;
        }
        for (String part : raw.split(",", -1)) {
            String item = part.trim();
            int colon = item.lastIndexOf(':');
            if (item.isEmpty() || colon <= 0 || colon == item.length() - 1
                    || (item.indexOf(':') != colon && !item.startsWith("["))) {
                throw new InvalidSettingException(property, raw, "expected host:port entries separated by "
                        + "commas, IPv6 in brackets ([::1]:5672); '" + item + "' is not one");
            }
            int port;
            try {
                port = Integer.parseInt(item.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, raw, "'" + item + "' has no numeric port");
            }
            checkPort(property, port);
            endpoints.add(new Endpoint(parseHost(property, item.substring(0, colon)), port));
        }
        return endpoints;
    }

    /** Starts a builder; every value not set keeps its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a host name or address and strips the brackets of an IPv6 literal.
     */
    public static String parseHost(String property, String raw) throws InvalidSettingException {
        String value = raw == null ? "" : raw.trim();
        if (value.isEmpty()) {
            throw new InvalidSettingException(property, raw, "a host name or IP address is required");
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            String literal = value.substring(1, value.length() - 1);
            if (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches()) {
                return literal;
            }
        } else if (value.indexOf(':') >= 0) {
            if (IPV6.matcher(value).matches()) {
                return value;
            }
        } else if (HOST_NAME.matcher(asciiOrSelf(value)).matches()) {
            return value;
        }
        throw new InvalidSettingException(property, raw,
                "expected a host name, an IPv4 address or an IPv6 address (in brackets or bare)");
    }

    public static void checkPort(String property, int port) throws InvalidSettingException {
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(property, port, "a port must be 1..65535");
        }
    }

    private static String asciiOrSelf(String host) {
        try {
            return IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    private static long nonNegative(String property, Long value, long fallback)
            throws InvalidSettingException {
        long v = value == null ? fallback : value;
        if (v < 0) {
            throw new InvalidSettingException(property, value, "milliseconds, 0 or more");
        }
        return v;
    }

    private static long positive(String property, Long value, long fallback)
            throws InvalidSettingException {
        long v = value == null ? fallback : value;
        if (v <= 0) {
            throw new InvalidSettingException(property, value, "milliseconds, more than 0");
        }
        return v;
    }

    private static int frameSize(Integer value) throws InvalidSettingException {
        int v = value == null ? DEFAULT_MAX_FRAME_SIZE : value;
        if (v < MIN_MAX_FRAME_SIZE) {
            throw new InvalidSettingException("maxFrameSize", value,
                    "bytes, at least " + MIN_MAX_FRAME_SIZE + " (AMQP 1.0 section 2.7.1)");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "ConnectionSettings[" + endpoint + ", user=" + username + ", containerId=" + containerId
                + ", virtualHost=" + virtualHost + ", idleTimeout=" + idleTimeoutMillis
                + ", maxFrameSize=" + maxFrameSize + ", connectTimeout=" + connectTimeoutMillis
                + ", sendTimeout=" + sendTimeoutMillis + "]";
    }
}
