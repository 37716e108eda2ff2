package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.impl.config.ConnectionSettings;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * Where and how a message-driven bean listens for AMQP peers. Set through the bean's activation
 * config properties; every value is checked when the bean is activated, and a bad one fails that
 * activation alone with a message naming the property and the value.
 */
@Activation(messageListeners = AmqpMessageListener.class)
public class AmqpActivationSpec implements ActivationSpec {

    private static final int DEFAULT_MAX_FRAME_SIZE = 4_096;

    @ConfigProperty(defaultValue = "0.0.0.0",
            description = "Interface to listen on: 0.0.0.0 for all IPv4, :: or [::] for all IPv6, or a name or address")
    private String host = "0.0.0.0";

    @ConfigProperty(defaultValue = "5672", description = "Port to listen on; 0 for an ephemeral port")
    private Integer port = 5672;

    @ConfigProperty(defaultValue = "*",
            description = "Target addresses this bean serves: comma-separated, '*' matches any run of characters")
    private String address = "*";

    @ConfigProperty(defaultValue = "10",
            description = "Messages handed to the bean at once")
    private Integer maxConcurrency = 10;

    @ConfigProperty(description = "Credit each peer link gets: messages it may have in flight; 10 x maxConcurrency, at most 1000, if unset")
    private Integer linkCredit;

    @ConfigProperty(defaultValue = "60000", description = "Idle timeout in ms announced to peers; 0 for none")
    private Long idleTimeout = 60_000L;

    // Proton-J keeps an input and an output buffer of this size for every connection, so it sets
    // the memory an idle peer costs; larger messages simply span several frames.
    @ConfigProperty(defaultValue = "4096", description = "Largest frame in bytes; each peer connection holds two buffers of this size")
    private Integer maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

    @ConfigProperty(defaultValue = "1000", description = "Peer connections accepted at once on this listener")
    private Integer maxConnections = 1000;

    @ConfigProperty(description = "Container id in our open frame; the listener's host and port if unset")
    private String containerId;

    @ConfigProperty(defaultValue = "reject",
            description = "Outcome when the bean throws: 'reject' (with the error) or 'release' (to be redelivered)")
    private String onError = "reject";

    @ConfigProperty(defaultValue = "10000",
            description = "Time in ms a peer has from connecting to its AMQP open (protocol header and SASL)")
    private Long handshakeTimeout = 10_000L;

    @ConfigProperty(defaultValue = "16777216", description = "Largest message in bytes accepted from a peer")
    private Integer maxMessageSize = 16 * 1024 * 1024;

    @ConfigProperty(description = "SASL mechanisms offered: ANONYMOUS (only when listed), PLAIN (the default with a securityDomain or authenticator), EXTERNAL")
    private String saslMechanisms;

    @ConfigProperty(description = "Class implementing io.amqpra.api.AmqpAuthenticator that checks PLAIN user names and passwords")
    private String authenticator;

    @ConfigProperty(description = "Elytron security domain that checks PLAIN user names and passwords (WildFly)")
    private String securityDomain;

    @ConfigProperty(description = "Key store with the listener's certificate; setting it makes the listener TLS only")
    private String keyStore;

    @ConfigProperty(description = "Password of the key store", confidential = true)
    private String keyStorePassword;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of the key store")
    private String keyStoreType = "PKCS12";

    @ConfigProperty(description = "Trust store for client certificates")
    private String trustStore;

    @ConfigProperty(description = "Password of the trust store", confidential = true)
    private String trustStorePassword;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of the trust store")
    private String trustStoreType = "PKCS12";

    @ConfigProperty(defaultValue = "none", description = "Client certificates: none, want or need")
    private String clientAuth = "none";

    @ConfigProperty(description = "TLS protocols to allow, comma-separated, e.g. TLSv1.3")
    private String enabledProtocols;

    private ResourceAdapter resourceAdapter;

    /** The checked settings. */
    ListenerSettings settings() throws InvalidPropertyException {
        String bindHost = ConnectionSettings.parseHost("host", host);
        int p = port == null ? 5672 : port;
        if (p < 0 || p > 65535) {
            throw invalid("port", port, "a port must be 0..65535 (0 for an ephemeral one)");
        }
        AddressPatterns patterns;
        try {
            patterns = AddressPatterns.parse(address);
        } catch (IllegalArgumentException e) {
            throw invalid("address", address, e.getMessage());
        }
        int concurrency = positive("maxConcurrency", maxConcurrency);
        int credit = linkCredit == null ? Math.min(1000, concurrency * 10) : positive("linkCredit", linkCredit);
        int connections = positive("maxConnections", maxConnections);
        long idle = idleTimeout == null ? 60_000L : idleTimeout;
        if (idle < 0) {
            throw invalid("idleTimeout", idleTimeout, "milliseconds, 0 or more");
        }
        int frame = maxFrameSize == null ? DEFAULT_MAX_FRAME_SIZE : maxFrameSize;
        if (frame < 512) {
            throw invalid("maxFrameSize", maxFrameSize, "bytes, at least 512");
        }
        boolean release;
        if ("reject".equalsIgnoreCase(onError) || onError == null) {
            release = false;
        } else if ("release".equalsIgnoreCase(onError)) {
            release = true;
        } else {
            throw invalid("onError", onError, "'reject' or 'release'");
        }
        long handshake = handshakeTimeout == null ? 10_000L : handshakeTimeout;
        if (handshake < 1) {
            throw invalid("handshakeTimeout", handshakeTimeout, "milliseconds, more than 0");
        }
        int messageSize = positive("maxMessageSize", maxMessageSize);
        io.amqpra.impl.transport.TlsSettings tls = blank(keyStore) ? null : new io.amqpra.impl.transport.TlsSettings(
                keyStore, keyStorePassword, keyStoreType, blank(trustStore) ? null : trustStore, trustStorePassword,
                trustStoreType, io.amqpra.impl.transport.TlsSettings.list(enabledProtocols), java.util.List.of(), false);
        io.netty.handler.ssl.ClientAuth auth = switch (clientAuth == null ? "none" : clientAuth.trim().toLowerCase()) {
            case "none" -> io.netty.handler.ssl.ClientAuth.NONE;
            case "want" -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case "need" -> io.netty.handler.ssl.ClientAuth.REQUIRE;
            default -> throw invalid("clientAuth", clientAuth, "none, want or need");
        };
        if (auth != io.netty.handler.ssl.ClientAuth.NONE && tls == null) {
            throw invalid("clientAuth", clientAuth, "client certificates need TLS: set 'keyStore'");
        }
        if (!blank(authenticator) && !blank(securityDomain)) {
            throw invalid("securityDomain", securityDomain, "set either 'authenticator' or 'securityDomain', not both");
        }
        String checker = blank(securityDomain) ? (blank(authenticator) ? null : authenticator.trim())
                : ListenerSettings.DOMAIN_PREFIX + securityDomain.trim();
        if (blank(saslMechanisms) && checker == null) {
            // A listener faces the network: letting anyone in must be a decision, not a default.
            throw invalid("saslMechanisms", saslMechanisms, "say who may connect: 'ANONYMOUS' lets any peer in;"
                    + " or set 'securityDomain' or 'authenticator' to check user names and passwords (PLAIN)");
        }
        java.util.List<String> mechanisms = blank(saslMechanisms) ? java.util.List.of("PLAIN")
                : io.amqpra.impl.transport.TlsSettings.list(saslMechanisms.toUpperCase());
        for (String m : mechanisms) {
            if (!java.util.Set.of("ANONYMOUS", "PLAIN", "EXTERNAL").contains(m)) {
                throw invalid("saslMechanisms", saslMechanisms, "'" + m + "' is not one of ANONYMOUS, PLAIN, EXTERNAL");
            }
        }
        if (mechanisms.contains("PLAIN") && checker == null) {
            throw invalid("saslMechanisms", saslMechanisms,
                    "PLAIN needs an 'authenticator' or a 'securityDomain' to check passwords");
        }
        if (mechanisms.contains("EXTERNAL") && auth == io.netty.handler.ssl.ClientAuth.NONE) {
            throw invalid("saslMechanisms", saslMechanisms, "EXTERNAL needs client certificates: set clientAuth");
        }
        return new ListenerSettings(bindHost, p, patterns, concurrency, idle, frame, connections,
                containerId == null || containerId.isBlank() ? null : containerId, release, handshake, messageSize,
                mechanisms, tls, auth, checker, credit);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        settings();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int positive(String name, Integer value) throws InvalidPropertyException {
        if (value == null || value < 1) {
            throw invalid(name, value, "at least 1");
        }
        return value;
    }

    private static InvalidPropertyException invalid(String name, Object value, String expected) {
        return new InvalidPropertyException("AMQPRA0060: Invalid value '" + value
                + "' for activation config property '" + name + "': " + expected);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public Integer getMaxConcurrency() { return maxConcurrency; }
    public void setMaxConcurrency(Integer maxConcurrency) { this.maxConcurrency = maxConcurrency; }
    public Integer getLinkCredit() { return linkCredit; }
    public void setLinkCredit(Integer linkCredit) { this.linkCredit = linkCredit; }
    public Long getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(Long idleTimeout) { this.idleTimeout = idleTimeout; }
    public Integer getMaxFrameSize() { return maxFrameSize; }
    public void setMaxFrameSize(Integer maxFrameSize) { this.maxFrameSize = maxFrameSize; }
    public Integer getMaxConnections() { return maxConnections; }
    public void setMaxConnections(Integer maxConnections) { this.maxConnections = maxConnections; }
    public String getContainerId() { return containerId; }
    public void setContainerId(String containerId) { this.containerId = containerId; }
    public Long getHandshakeTimeout() { return handshakeTimeout; }
    public void setHandshakeTimeout(Long handshakeTimeout) { this.handshakeTimeout = handshakeTimeout; }
    public Integer getMaxMessageSize() { return maxMessageSize; }
    public void setMaxMessageSize(Integer maxMessageSize) { this.maxMessageSize = maxMessageSize; }
    public String getSaslMechanisms() { return saslMechanisms; }
    public void setSaslMechanisms(String saslMechanisms) { this.saslMechanisms = saslMechanisms; }
    public String getAuthenticator() { return authenticator; }
    public void setAuthenticator(String authenticator) { this.authenticator = authenticator; }
    public String getKeyStore() { return keyStore; }
    public void setKeyStore(String keyStore) { this.keyStore = keyStore; }
    public String getKeyStorePassword() { return keyStorePassword; }
    public void setKeyStorePassword(String keyStorePassword) { this.keyStorePassword = keyStorePassword; }
    public String getKeyStoreType() { return keyStoreType; }
    public void setKeyStoreType(String keyStoreType) { this.keyStoreType = keyStoreType; }
    public String getTrustStore() { return trustStore; }
    public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    public String getTrustStoreType() { return trustStoreType; }
    public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
    public String getClientAuth() { return clientAuth; }
    public void setClientAuth(String clientAuth) { this.clientAuth = clientAuth; }
    public String getEnabledProtocols() { return enabledProtocols; }
    public void setEnabledProtocols(String enabledProtocols) { this.enabledProtocols = enabledProtocols; }
    public String getSecurityDomain() { return securityDomain; }
    public void setSecurityDomain(String securityDomain) { this.securityDomain = securityDomain; }
    public String getOnError() { return onError; }
    public void setOnError(String onError) { this.onError = onError; }

    @Override
    public String toString() {
        return "AmqpActivationSpec[" + host + ":" + port + ", address=" + address + "]"; // no passwords
    }
}
