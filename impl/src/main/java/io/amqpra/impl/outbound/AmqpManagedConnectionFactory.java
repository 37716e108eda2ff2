package io.amqpra.impl.outbound;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.transport.EventLoops;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Creates the pooled AMQP connections of one connection factory. Its config properties come
 * from the deployment descriptors: the rar's {@code ironjacamar.xml}, the server's
 * resource-adapters subsystem, or an application's {@code @ConnectionFactoryDefinition}.
 */
@ConnectionDefinition(
        connectionFactory = AmqpConnectionFactory.class,
        connectionFactoryImpl = AmqpConnectionFactoryImpl.class,
        connection = AmqpConnection.class,
        connectionImpl = AmqpConnectionHandle.class)
public class AmqpManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = ConnectionSettings.DEFAULT_HOST,
            description = "Host name or IP address of the AMQP peer (IPv6 in brackets or bare)")
    private String host = ConnectionSettings.DEFAULT_HOST;

    @ConfigProperty(defaultValue = "5672", description = "Port of the AMQP peer")
    private Integer port = ConnectionSettings.DEFAULT_PORT;

    @ConfigProperty(description = "User for SASL PLAIN; without one, SASL ANONYMOUS is used")
    private String username;

    @ConfigProperty(description = "Password for SASL PLAIN", confidential = true)
    private String password;

    @ConfigProperty(description = "Container id sent in the open frame; a random one per connection if unset")
    private String containerId;

    @ConfigProperty(description = "Hostname sent in the open frame (virtual host); the host if unset")
    private String virtualHost;

    @ConfigProperty(defaultValue = "60000",
            description = "Idle timeout in ms announced to the peer; 0 turns heartbeats off")
    private Long idleTimeout = ConnectionSettings.DEFAULT_IDLE_TIMEOUT;

    @ConfigProperty(defaultValue = "65536", description = "Largest frame in bytes we accept")
    private Integer maxFrameSize = ConnectionSettings.DEFAULT_MAX_FRAME_SIZE;

    @ConfigProperty(defaultValue = "15000",
            description = "Time in ms to open a connection (TCP, SASL and AMQP open)")
    private Long connectTimeout = ConnectionSettings.DEFAULT_CONNECT_TIMEOUT;

    @ConfigProperty(defaultValue = "30000",
            description = "Time in ms a send waits for the peer's outcome before failing")
    private Long sendTimeout = ConnectionSettings.DEFAULT_SEND_TIMEOUT;

    @ConfigProperty(defaultValue = "true", description = "Reconnect after a lost connection; false turns it off")
    private Boolean reconnect = true;

    @ConfigProperty(defaultValue = "100", description = "Delay in ms before the first reconnect attempt")
    private Long initialReconnectDelay = 100L;

    @ConfigProperty(defaultValue = "60000", description = "Largest delay in ms between reconnect attempts")
    private Long maxReconnectDelay = 60_000L;

    @ConfigProperty(defaultValue = "2.0", description = "Factor by which the delay grows after each attempt")
    private Double reconnectBackoffMultiplier = 2.0;

    @ConfigProperty(defaultValue = "0", description = "Random spread of each delay, a fraction from 0 to 1")
    private Double reconnectJitter = 0.0;

    @ConfigProperty(defaultValue = "-1", description = "Attempts after a connection is lost; -1 for unlimited")
    private Integer reconnectLimit = -1;

    @ConfigProperty(description = "Attempts for the first connection; reconnectLimit if unset")
    private Integer startupReconnectLimit;

    @ConfigProperty(description = "Alternate endpoints tried round robin after host:port, as host:port,host:port")
    private String failoverHosts;

    @ConfigProperty(description = "Class implementing io.amqpra.api.ConnectionDetailsProvider, asked before each attempt")
    private String connectionDetailsProvider;

    @ConfigProperty(defaultValue = "true", description = "Follow amqp:connection:redirect and the failover-server-list a broker announces")
    private Boolean useServerFailoverList = true;

    @ConfigProperty(defaultValue = "true", description = "Resend messages whose outcome was lost with the connection (at least once)")
    private Boolean resendOnReconnect = true;

    @ConfigProperty(defaultValue = "tcp", description = "tcp, or tls for TLS (amqps)")
    private String transport = "tcp";

    @ConfigProperty(description = "Key store with the client certificate for mutual TLS (and SASL EXTERNAL)")
    private String keyStore;

    @ConfigProperty(description = "Password of the key store", confidential = true)
    private String keyStorePassword;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of the key store")
    private String keyStoreType = "PKCS12";

    @ConfigProperty(description = "Trust store for the peer's certificate; the JDK's trusted CAs if unset")
    private String trustStore;

    @ConfigProperty(description = "Password of the trust store", confidential = true)
    private String trustStorePassword;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of the trust store")
    private String trustStoreType = "PKCS12";

    @ConfigProperty(defaultValue = "true", description = "Check that the peer's certificate matches the host name")
    private Boolean verifyHost = true;

    @ConfigProperty(description = "TLS protocols to allow, comma-separated")
    private String enabledProtocols;

    @ConfigProperty(description = "TLS cipher suites to allow, comma-separated")
    private String enabledCipherSuites;

    @ConfigProperty(description = "SASL mechanisms we may use, comma-separated: PLAIN, EXTERNAL, ANONYMOUS (all if unset)")
    private String saslMechanisms;

    private transient AmqpResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile ConnectionSettings settings;
    private transient volatile io.amqpra.api.ConnectionDetailsProvider provider;
    private transient volatile io.amqpra.impl.event.EventHub events;
    private transient volatile String name;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        settings(); // refuse a bad configuration at deployment, naming the property
        return new AmqpConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        settings();
        return new AmqpConnectionFactoryImpl(this, new NonManagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        Credentials credentials = credentials(subject, info);
        ConnectionSettings s = settings();
        if (credentials != Credentials.NONE) {
            s = s.withCredentials(credentials.username(), credentials.password());
        }
        return AmqpManagedConnection.open(this, s, credentials, loops(), provider);
    }

    @Override
    public ManagedConnection matchManagedConnections(Set connections, Subject subject,
                                                     ConnectionRequestInfo info) throws ResourceException {
        Credentials wanted = credentials(subject, info);
        for (Object o : connections) {
            // A dead connection does not match: the pool then destroys it and makes a new one.
            if (o instanceof AmqpManagedConnection mc && mc.factory().equals(this)
                    && mc.credentials().equals(wanted) && mc.isUsable()) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public Set getInvalidConnections(Set connections) {
        Set<ManagedConnection> invalid = new HashSet<>();
        for (Object o : connections) {
            if (o instanceof AmqpManagedConnection mc && !mc.isUsable()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    /**
     * The credentials a connection request signs on with: container-managed sign-on (a
     * {@link PasswordCredential} for this factory in the subject) first, then application
     * sign-on ({@code getConnection(user, password)}), then none, meaning the configured
     * {@code username} and {@code password}.
     */
    Credentials credentials(Subject subject, ConnectionRequestInfo info) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (pc.getManagedConnectionFactory() == null || equals(pc.getManagedConnectionFactory())) {
                    return new Credentials(pc.getUserName(),
                            pc.getPassword() == null ? null : new String(pc.getPassword()));
                }
            }
        }
        if (info instanceof Credentials c) {
            return c;
        }
        return Credentials.NONE;
    }

    ConnectionSettings settings() throws ResourceException {
        ConnectionSettings s = settings;
        if (s == null) {
            s = new ConnectionSettings.Builder()
                    .host(host).port(port).username(username).password(password)
                    .containerId(containerId).virtualHost(virtualHost)
                    .idleTimeout(idleTimeout).maxFrameSize(maxFrameSize)
                    .connectTimeout(connectTimeout).sendTimeout(sendTimeout)
                    .reconnect(reconnect).initialReconnectDelay(initialReconnectDelay).maxReconnectDelay(maxReconnectDelay).reconnectBackoffMultiplier(reconnectBackoffMultiplier).reconnectJitter(reconnectJitter).reconnectLimit(reconnectLimit).startupReconnectLimit(startupReconnectLimit).failoverHosts(failoverHosts).connectionDetailsProvider(connectionDetailsProvider).useServerFailoverList(useServerFailoverList).resendOnReconnect(resendOnReconnect)
                    .transport(transport).keyStore(keyStore).keyStorePassword(keyStorePassword).keyStoreType(keyStoreType).trustStore(trustStore).trustStorePassword(trustStorePassword).trustStoreType(trustStoreType).verifyHost(verifyHost).enabledProtocols(enabledProtocols).enabledCipherSuites(enabledCipherSuites).saslMechanisms(saslMechanisms)
                    .build();
            if (s.tls() != null && !s.tls().verifyHost()) {
                org.jboss.logging.Logger.getLogger(AmqpManagedConnectionFactory.class).warnf(
                        "AMQPRA0004: verifyHost is off for %s: the peer's certificate is not checked against its"
                        + " host name, so anyone with a trusted certificate can pose as it", s.endpoint());
            }
            provider = ProviderLoader.load(s.reconnect().connectionDetailsProvider(), getClass().getClassLoader());
            settings = s;
        }
        return s;
    }

    /** Where this factory's lifecycle events go. */
    io.amqpra.impl.event.EventHub events() {
        io.amqpra.impl.event.EventHub hub = events;
        if (hub == null) {
            synchronized (this) {
                if (events == null) {
                    events = new io.amqpra.impl.event.EventHub(loops().completions());
                }
                hub = events;
            }
        }
        return hub;
    }

    /** The name events carry: the JNDI name once the server told it, else host:port. */
    String name() {
        String n = name;
        return n != null ? n : host + ":" + port;
    }

    /** Told by the connection factory when the server binds it. */
    void named(String jndiName) {
        if (jndiName != null && !jndiName.isBlank()) {
            this.name = jndiName;
        }
    }

    private EventLoops loops() {
        AmqpResourceAdapter ra = resourceAdapter;
        return ra != null && ra.eventLoops() != null ? ra.eventLoops() : EventLoops.standalone();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof AmqpResourceAdapter amqp)) {
            throw new ResourceException("AMQPRA0031: Not an AMQP resource adapter: " + ra);
        }
        this.resourceAdapter = amqp;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    private void changed() {
        settings = null;
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; changed(); }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; changed(); }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; changed(); }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; changed(); }
    public String getContainerId() { return containerId; }
    public void setContainerId(String containerId) { this.containerId = containerId; changed(); }
    public String getVirtualHost() { return virtualHost; }
    public void setVirtualHost(String virtualHost) { this.virtualHost = virtualHost; changed(); }
    public Long getIdleTimeout() { return idleTimeout; }
    public void setIdleTimeout(Long idleTimeout) { this.idleTimeout = idleTimeout; changed(); }
    public Integer getMaxFrameSize() { return maxFrameSize; }
    public void setMaxFrameSize(Integer maxFrameSize) { this.maxFrameSize = maxFrameSize; changed(); }
    public Long getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Long connectTimeout) { this.connectTimeout = connectTimeout; changed(); }
    public Boolean getReconnect() { return reconnect; }
    public void setReconnect(Boolean reconnect) { this.reconnect = reconnect; changed(); }
    public Long getInitialReconnectDelay() { return initialReconnectDelay; }
    public void setInitialReconnectDelay(Long initialReconnectDelay) { this.initialReconnectDelay = initialReconnectDelay; changed(); }
    public Long getMaxReconnectDelay() { return maxReconnectDelay; }
    public void setMaxReconnectDelay(Long maxReconnectDelay) { this.maxReconnectDelay = maxReconnectDelay; changed(); }
    public Double getReconnectBackoffMultiplier() { return reconnectBackoffMultiplier; }
    public void setReconnectBackoffMultiplier(Double reconnectBackoffMultiplier) { this.reconnectBackoffMultiplier = reconnectBackoffMultiplier; changed(); }
    public Double getReconnectJitter() { return reconnectJitter; }
    public void setReconnectJitter(Double reconnectJitter) { this.reconnectJitter = reconnectJitter; changed(); }
    public Integer getReconnectLimit() { return reconnectLimit; }
    public void setReconnectLimit(Integer reconnectLimit) { this.reconnectLimit = reconnectLimit; changed(); }
    public Integer getStartupReconnectLimit() { return startupReconnectLimit; }
    public void setStartupReconnectLimit(Integer startupReconnectLimit) { this.startupReconnectLimit = startupReconnectLimit; changed(); }
    public String getFailoverHosts() { return failoverHosts; }
    public void setFailoverHosts(String failoverHosts) { this.failoverHosts = failoverHosts; changed(); }
    public String getConnectionDetailsProvider() { return connectionDetailsProvider; }
    public void setConnectionDetailsProvider(String connectionDetailsProvider) { this.connectionDetailsProvider = connectionDetailsProvider; changed(); }
    public Boolean getUseServerFailoverList() { return useServerFailoverList; }
    public void setUseServerFailoverList(Boolean useServerFailoverList) { this.useServerFailoverList = useServerFailoverList; changed(); }
    public Boolean getResendOnReconnect() { return resendOnReconnect; }
    public void setResendOnReconnect(Boolean resendOnReconnect) { this.resendOnReconnect = resendOnReconnect; changed(); }
    public String getTransport() { return transport; }
    public void setTransport(String transport) { this.transport = transport; changed(); }
    public String getKeyStore() { return keyStore; }
    public void setKeyStore(String keyStore) { this.keyStore = keyStore; changed(); }
    public String getKeyStorePassword() { return keyStorePassword; }
    public void setKeyStorePassword(String keyStorePassword) { this.keyStorePassword = keyStorePassword; changed(); }
    public String getKeyStoreType() { return keyStoreType; }
    public void setKeyStoreType(String keyStoreType) { this.keyStoreType = keyStoreType; changed(); }
    public String getTrustStore() { return trustStore; }
    public void setTrustStore(String trustStore) { this.trustStore = trustStore; changed(); }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; changed(); }
    public String getTrustStoreType() { return trustStoreType; }
    public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; changed(); }
    public Boolean getVerifyHost() { return verifyHost; }
    public void setVerifyHost(Boolean verifyHost) { this.verifyHost = verifyHost; changed(); }
    public String getEnabledProtocols() { return enabledProtocols; }
    public void setEnabledProtocols(String enabledProtocols) { this.enabledProtocols = enabledProtocols; changed(); }
    public String getEnabledCipherSuites() { return enabledCipherSuites; }
    public void setEnabledCipherSuites(String enabledCipherSuites) { this.enabledCipherSuites = enabledCipherSuites; changed(); }
    public String getSaslMechanisms() { return saslMechanisms; }
    public void setSaslMechanisms(String saslMechanisms) { this.saslMechanisms = saslMechanisms; changed(); }
    public Long getSendTimeout() { return sendTimeout; }
    public void setSendTimeout(Long sendTimeout) { this.sendTimeout = sendTimeout; changed(); }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof AmqpManagedConnectionFactory m && m.getClass() == getClass()
                && Objects.equals(host, m.host) && Objects.equals(port, m.port)
                && Objects.equals(username, m.username) && Objects.equals(password, m.password)
                && Objects.equals(containerId, m.containerId)
                && Objects.equals(virtualHost, m.virtualHost)
                && Objects.equals(idleTimeout, m.idleTimeout)
                && Objects.equals(maxFrameSize, m.maxFrameSize)
                && Objects.equals(connectTimeout, m.connectTimeout)
                && Objects.equals(sendTimeout, m.sendTimeout)
                && Objects.equals(transport, m.transport)
                && Objects.equals(keyStore, m.keyStore)
                && Objects.equals(keyStorePassword, m.keyStorePassword)
                && Objects.equals(keyStoreType, m.keyStoreType)
                && Objects.equals(trustStore, m.trustStore)
                && Objects.equals(trustStorePassword, m.trustStorePassword)
                && Objects.equals(trustStoreType, m.trustStoreType)
                && Objects.equals(verifyHost, m.verifyHost)
                && Objects.equals(enabledProtocols, m.enabledProtocols)
                && Objects.equals(enabledCipherSuites, m.enabledCipherSuites)
                && Objects.equals(saslMechanisms, m.saslMechanisms)
                && Objects.equals(reconnect, m.reconnect)
                && Objects.equals(initialReconnectDelay, m.initialReconnectDelay)
                && Objects.equals(maxReconnectDelay, m.maxReconnectDelay)
                && Objects.equals(reconnectBackoffMultiplier, m.reconnectBackoffMultiplier)
                && Objects.equals(reconnectJitter, m.reconnectJitter)
                && Objects.equals(reconnectLimit, m.reconnectLimit)
                && Objects.equals(startupReconnectLimit, m.startupReconnectLimit)
                && Objects.equals(failoverHosts, m.failoverHosts)
                && Objects.equals(connectionDetailsProvider, m.connectionDetailsProvider)
                && Objects.equals(useServerFailoverList, m.useServerFailoverList)
                && Objects.equals(resendOnReconnect, m.resendOnReconnect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, containerId, virtualHost);
    }
}
