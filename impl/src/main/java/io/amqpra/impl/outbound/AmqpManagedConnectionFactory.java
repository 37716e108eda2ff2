package io.amqpra.impl.outbound;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import static io.amqpra.impl.config.ConnectionProperties.*;
import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.client.ClientConfig;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Property;
import io.amqpra.impl.config.PropertyValues;
import io.amqpra.impl.event.EventHub;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
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
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
public class AmqpManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        ValidatingManagedConnectionFactory, TransactionSupport {

    private static final long serialVersionUID = 1L;
    private static final AmqpLogger LOG = AmqpLogger.of(AmqpManagedConnectionFactory.class);
    /** Numbers the pooled connections of every factory, so that no two share a configured containerId. */
    private static final AtomicLong CONNECTION_NUMBERS = new AtomicLong();

    private final PropertyValues values = new PropertyValues(PropertyValues.Scope.CONNECTION_FACTORY);
    private transient AmqpResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile ClientConfig config;
    private transient volatile EventHub events;
    private transient volatile String name;
    private transient volatile Figures figures;
    /** The loops of this factory's own, where no resource adapter gives them; made on first use. */
    private transient OwnLoops ownLoops;
    /** Whether the factory was made for non-managed use, where having loops of its own is expected. */
    private transient volatile boolean nonManaged;
    private transient volatile boolean warnedOwnLoops;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        config(); // refuse a bad configuration at deployment, naming the property
        return new AmqpConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        config();
        nonManaged = true;
        return new AmqpConnectionFactoryImpl(this, new NonManagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        Credentials credentials = credentials(subject, info);
        ClientConfig c = config();
        if (credentials != Credentials.NONE) {
            c = c.withCredentials(credentials.username(), credentials.password());
        }
        String containerId = c.settings().transport().containerId();
        if (containerId != null && UNIQUE_CONTAINER_IDS.get(values)) {
            // Peers take one container id for one client: some close the older of two connections.
            c = c.withContainerId(containerId + "-" + CONNECTION_NUMBERS.incrementAndGet());
        }
        EventLoops loops = acquireLoops();
        try {
            return AmqpManagedConnection.open(this, c, credentials, loops);
        } catch (ResourceException | RuntimeException e) {
            released(loops);
            throw e;
        }
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

    /**
     * Local transactions, which JTA enlists as its last resource; none with
     * {@code transactions=none}, so that the container sends outside its transactions.
     */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return "none".equalsIgnoreCase(String.valueOf(get(TRANSACTIONS)).trim())
                ? TransactionSupportLevel.NoTransaction : TransactionSupportLevel.LocalTransaction;
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

    /** The credentials a connection request signs on with; see {@link Credentials#of}. */
    Credentials credentials(Subject subject, ConnectionRequestInfo info) {
        return Credentials.of(subject, info, this);
    }

    /** The checked configuration, resolved once until a property changes. */
    ClientConfig config() throws ResourceException {
        ClientConfig c = config;
        if (c == null) {
            ConnectionSettings s = ConnectionSettings.from(values);
            if (s.tls() != null && !s.tls().verifyHost()) {
                LOG.verifyHostOff(s.endpoint());
            }
            c = ClientConfig.of(s, getClass().getClassLoader(), figures());
            config = c;
        }
        return c;
    }

    /** Where this factory's lifecycle events go. */
    EventHub events() {
        EventHub hub = events;
        if (hub == null) {
            synchronized (this) {
                if (events == null) {
                    AmqpResourceAdapter ra = resourceAdapter;
                    events = new EventHub(ra != null && ra.eventLoops() != null ? ra.eventLoops().completions()
                            : ownLoops().callbacks());
                }
                hub = events;
            }
        }
        return hub;
    }

    /** What this factory's connections count. */
    Figures figures() {
        Figures f = figures;
        if (f == null) {
            synchronized (this) {
                if (figures == null) {
                    figures = new Figures(ResourceStatus.Kind.CONNECTION_FACTORY);
                }
                f = figures;
            }
        }
        return f;
    }

    /** This factory now: ready unless its connections cannot reach their peer. */
    ResourceStatus status() {
        Figures f = figures();
        String problem = f.connectionProblem();
        return new ResourceStatus(ResourceStatus.Kind.CONNECTION_FACTORY, name(), problem == null, problem, f.snapshot());
    }

    /** The name events carry: the JNDI name once the server told it, else host:port. */
    String name() {
        String n = name;
        return n != null ? n : getHost() + ":" + getPort();
    }

    /** Told by the connection factory when the server binds it. */
    void named(String jndiName) {
        if (jndiName != null && !jndiName.isBlank()) {
            this.name = jndiName;
        }
    }

    /** The JNDI name the server bound this factory under, or {@code null} while it is not bound. */
    String jndiName() {
        return name;
    }

    /** A copy of the connection property values as set, for a consuming bean that names this factory. */
    PropertyValues values() {
        return values.copy();
    }

    /**
     * The loops a new connection runs on: the resource adapter's, else the factory's own, which
     * stop once the last connection that took them gives them back ({@link #released}).
     */
    private EventLoops acquireLoops() throws ResourceException {
        AmqpResourceAdapter ra = resourceAdapter;
        if (ra != null) {
            EventLoops loops = ra.eventLoops();
            if (loops == null) {
                throw MESSAGES.adapterNotStarted(); // stopped: its pools are going away too
            }
            return loops;
        }
        if (!nonManaged && !warnedOwnLoops) {
            warnedOwnLoops = true;
            LOG.noResourceAdapter(name());
        }
        return ownLoops().acquire();
    }

    /** A connection that ran on {@code loops} was destroyed. */
    void released(EventLoops loops) {
        OwnLoops own;
        synchronized (this) {
            own = ownLoops;
        }
        if (own != null) {
            own.release(loops);
        }
    }

    private synchronized OwnLoops ownLoops() {
        if (ownLoops == null) {
            ownLoops = new OwnLoops(this::name);
        }
        return ownLoops;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof AmqpResourceAdapter amqp)) {
            throw MESSAGES.notAnAmqpResourceAdapter(ra);
        }
        this.resourceAdapter = amqp;
        amqp.connectionDefinitions().add(this);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // The JavaBean accessors through which the container configures the factory. Names, types,
    // defaults, checks and documentation are declared once, in ConnectionProperties.

    private <T> void set(Property<T> property, T value) {
        values.set(property, value);
        config = null;
    }

    private <T> T get(Property<T> property) {
        T value = values.peek(property);
        return value != null ? value : property.defaultValue();
    }

    @ConfigProperty public void setHost(String v) { set(HOST, v); }
    public String getHost() { return get(HOST); }
    @ConfigProperty public void setPort(Integer v) { set(PORT, v); }
    public Integer getPort() { return get(PORT); }
    @ConfigProperty public void setUsername(String v) { set(USERNAME, v); }
    public String getUsername() { return get(USERNAME); }
    @ConfigProperty(confidential = true) public void setPassword(String v) { set(PASSWORD, v); }
    public String getPassword() { return get(PASSWORD); }
    @ConfigProperty public void setContainerId(String v) { set(CONTAINER_ID, v); }
    public String getContainerId() { return get(CONTAINER_ID); }
    @ConfigProperty public void setUniqueContainerIds(Boolean v) { set(UNIQUE_CONTAINER_IDS, v); }
    public Boolean getUniqueContainerIds() { return get(UNIQUE_CONTAINER_IDS); }
    @ConfigProperty public void setVirtualHost(String v) { set(VIRTUAL_HOST, v); }
    public String getVirtualHost() { return get(VIRTUAL_HOST); }
    @ConfigProperty public void setIdleTimeout(Long v) { set(IDLE_TIMEOUT, v); }
    public Long getIdleTimeout() { return get(IDLE_TIMEOUT); }
    @ConfigProperty public void setMaxFrameSize(Integer v) { set(MAX_FRAME_SIZE, v); }
    public Integer getMaxFrameSize() { return get(MAX_FRAME_SIZE); }
    @ConfigProperty public void setConnectTimeout(Long v) { set(CONNECT_TIMEOUT, v); }
    public Long getConnectTimeout() { return get(CONNECT_TIMEOUT); }
    @ConfigProperty public void setSendTimeout(Long v) { set(SEND_TIMEOUT, v); }
    public Long getSendTimeout() { return get(SEND_TIMEOUT); }
    @ConfigProperty public void setTransactions(String v) { set(TRANSACTIONS, v); }
    public String getTransactions() { return get(TRANSACTIONS); }
    @ConfigProperty public void setMaxSendsInFlight(Integer v) { set(MAX_SENDS_IN_FLIGHT, v); }
    public Integer getMaxSendsInFlight() { return get(MAX_SENDS_IN_FLIGHT); }
    @ConfigProperty public void setMaxSenderLinks(Integer v) { set(MAX_SENDER_LINKS, v); }
    public Integer getMaxSenderLinks() { return get(MAX_SENDER_LINKS); }
    @ConfigProperty public void setReconnect(Boolean v) { set(RECONNECT_ON, v); }
    public Boolean getReconnect() { return get(RECONNECT_ON); }
    @ConfigProperty public void setInitialReconnectDelay(Long v) { set(INITIAL_RECONNECT_DELAY, v); }
    public Long getInitialReconnectDelay() { return get(INITIAL_RECONNECT_DELAY); }
    @ConfigProperty public void setMaxReconnectDelay(Long v) { set(MAX_RECONNECT_DELAY, v); }
    public Long getMaxReconnectDelay() { return get(MAX_RECONNECT_DELAY); }
    @ConfigProperty public void setReconnectBackoffMultiplier(Double v) { set(RECONNECT_BACKOFF_MULTIPLIER, v); }
    public Double getReconnectBackoffMultiplier() { return get(RECONNECT_BACKOFF_MULTIPLIER); }
    @ConfigProperty public void setReconnectJitter(Double v) { set(RECONNECT_JITTER, v); }
    public Double getReconnectJitter() { return get(RECONNECT_JITTER); }
    @ConfigProperty public void setReconnectLimit(Integer v) { set(RECONNECT_LIMIT, v); }
    public Integer getReconnectLimit() { return get(RECONNECT_LIMIT); }
    @ConfigProperty public void setStartupReconnectLimit(Integer v) { set(STARTUP_RECONNECT_LIMIT, v); }
    public Integer getStartupReconnectLimit() { return get(STARTUP_RECONNECT_LIMIT); }
    @ConfigProperty public void setFailoverHosts(String v) { set(FAILOVER_HOSTS, v); }
    public String getFailoverHosts() { return get(FAILOVER_HOSTS); }
    @ConfigProperty public void setConnectionDetailsProvider(String v) { set(CONNECTION_DETAILS_PROVIDER, v); }
    public String getConnectionDetailsProvider() { return get(CONNECTION_DETAILS_PROVIDER); }
    @ConfigProperty public void setUseServerFailoverList(Boolean v) { set(USE_SERVER_FAILOVER_LIST, v); }
    public Boolean getUseServerFailoverList() { return get(USE_SERVER_FAILOVER_LIST); }
    @ConfigProperty public void setResendOnReconnect(Boolean v) { set(RESEND_ON_RECONNECT, v); }
    public Boolean getResendOnReconnect() { return get(RESEND_ON_RECONNECT); }
    @ConfigProperty public void setTransport(String v) { set(TRANSPORT_KIND, v); }
    public String getTransport() { return get(TRANSPORT_KIND); }
    @ConfigProperty public void setKeyStore(String v) { set(KEY_STORE, v); }
    public String getKeyStore() { return get(KEY_STORE); }
    @ConfigProperty(confidential = true) public void setKeyStorePassword(String v) { set(KEY_STORE_PASSWORD, v); }
    public String getKeyStorePassword() { return get(KEY_STORE_PASSWORD); }
    @ConfigProperty public void setKeyStoreType(String v) { set(KEY_STORE_TYPE, v); }
    public String getKeyStoreType() { return get(KEY_STORE_TYPE); }
    @ConfigProperty public void setTrustStore(String v) { set(TRUST_STORE, v); }
    public String getTrustStore() { return get(TRUST_STORE); }
    @ConfigProperty(confidential = true) public void setTrustStorePassword(String v) { set(TRUST_STORE_PASSWORD, v); }
    public String getTrustStorePassword() { return get(TRUST_STORE_PASSWORD); }
    @ConfigProperty public void setTrustStoreType(String v) { set(TRUST_STORE_TYPE, v); }
    public String getTrustStoreType() { return get(TRUST_STORE_TYPE); }
    @ConfigProperty public void setVerifyHost(Boolean v) { set(VERIFY_HOST, v); }
    public Boolean getVerifyHost() { return get(VERIFY_HOST); }
    @ConfigProperty public void setEnabledProtocols(String v) { set(ENABLED_PROTOCOLS, v); }
    public String getEnabledProtocols() { return get(ENABLED_PROTOCOLS); }
    @ConfigProperty public void setEnabledCipherSuites(String v) { set(ENABLED_CIPHER_SUITES, v); }
    public String getEnabledCipherSuites() { return get(ENABLED_CIPHER_SUITES); }
    @ConfigProperty public void setSaslMechanisms(String v) { set(SASL_MECHANISMS, v); }
    public String getSaslMechanisms() { return get(SASL_MECHANISMS); }

    /** Factories configured alike are equal, so their pooled connections match. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof AmqpManagedConnectionFactory m && m.getClass() == getClass()
                && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
