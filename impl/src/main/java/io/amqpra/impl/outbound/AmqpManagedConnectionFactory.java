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

    @ConfigProperty(defaultValue = "1048576", description = "Largest frame in bytes we accept")
    private Integer maxFrameSize = ConnectionSettings.DEFAULT_MAX_FRAME_SIZE;

    @ConfigProperty(defaultValue = "15000",
            description = "Time in ms to open a connection (TCP, SASL and AMQP open)")
    private Long connectTimeout = ConnectionSettings.DEFAULT_CONNECT_TIMEOUT;

    @ConfigProperty(defaultValue = "30000",
            description = "Time in ms a send waits for the peer's outcome before failing")
    private Long sendTimeout = ConnectionSettings.DEFAULT_SEND_TIMEOUT;

    private transient AmqpResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile ConnectionSettings settings;

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
        return AmqpManagedConnection.open(this, s, credentials, loops());
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
                    .build();
            settings = s;
        }
        return s;
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
                && Objects.equals(sendTimeout, m.sendTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, containerId, virtualHost);
    }
}
