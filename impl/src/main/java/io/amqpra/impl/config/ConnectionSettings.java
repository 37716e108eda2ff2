package io.amqpra.impl.config;

import java.net.IDN;
import java.util.regex.Pattern;

/**
 * The validated, immutable settings of an outgoing connection. Built from the raw config
 * properties of a connection factory; every check names the property and the value it refused.
 */
public record ConnectionSettings(Endpoint endpoint, String username, String password,
                                 String containerId, String virtualHost, long idleTimeoutMillis,
                                 int maxFrameSize, long connectTimeoutMillis,
                                 long sendTimeoutMillis) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 5672;
    public static final long DEFAULT_IDLE_TIMEOUT = 60_000;
    public static final int DEFAULT_MAX_FRAME_SIZE = 1_048_576;
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
                idleTimeoutMillis, maxFrameSize, connectTimeoutMillis, sendTimeoutMillis);
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
                    positive("sendTimeout", sendTimeout, DEFAULT_SEND_TIMEOUT));
        }
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
