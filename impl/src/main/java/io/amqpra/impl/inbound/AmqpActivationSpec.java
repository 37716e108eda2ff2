package io.amqpra.impl.inbound;

import static io.amqpra.impl.config.ListenerProperties.*;
import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.impl.config.ConnectionProperties;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.ConsumerOptions;
import io.amqpra.impl.config.ConsumerProperties;
import io.amqpra.impl.config.Property;
import io.amqpra.impl.config.PropertyValues;
import io.amqpra.impl.outbound.ConnectionDefinitions;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.List;

/**
 * Where and how a message-driven bean listens for AMQP peers ({@code mode=listen}, the default),
 * or which broker and queue it consumes from ({@code mode=connect}). Set through the bean's
 * activation config properties; every value is checked when the bean is activated, and a bad one fails that
 * activation alone with a message naming the property and the value.
 */
@Activation(messageListeners = AmqpMessageListener.class)
public class AmqpActivationSpec implements ActivationSpec {

    private final PropertyValues values = new PropertyValues(PropertyValues.Scope.ACTIVATION);
    private ResourceAdapter resourceAdapter;

    /** Whether the bean consumes from a broker ({@code mode=connect}) rather than listens. */
    boolean connects() throws InvalidPropertyException {
        return ConsumerProperties.connects(values);
    }

    /** The checked settings of a listening bean. */
    ListenerSettings settings() throws InvalidPropertyException {
        return ListenerSettings.from(values);
    }

    /** The checked settings of a consuming bean's connection, as far as the bean sets them. */
    ConnectionSettings connectionSettings() throws InvalidPropertyException {
        return ConnectionSettings.from(values);
    }

    /**
     * The checked settings of a consuming bean's connection: those of the connection factory
     * it names ({@code connectionFactoryLookup}), if any, under the connection properties it
     * sets itself. May look the factory up in JNDI: call it on a container thread.
     */
    ConnectionSettings connectionSettings(ConnectionDefinitions definitions) throws InvalidPropertyException {
        String name = ConsumerProperties.CONNECTION_FACTORY_LOOKUP.get(values);
        if (name == null) {
            return connectionSettings();
        }
        PropertyValues factory = definitions.settingsOf(name.trim());
        if (factory == null) {
            throw MESSAGES.unknownConnectionFactory(name, definitions.names());
        }
        return ConnectionSettings.from(values.over(factory, ConnectionProperties.ALL));
    }

    /** The connection properties the bean sets itself, for the log: these win over a named factory's. */
    List<String> ownConnectionProperties() {
        return ConnectionProperties.ALL.stream().map(Property::name).filter(values.names()::contains).toList();
    }

    /** The checked settings of a consuming bean's link and deliveries. */
    ConsumerOptions consumerOptions() throws InvalidPropertyException {
        return ConsumerOptions.from(values);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (connects()) {
            connectionSettings();
            consumerOptions();
        } else {
            settings();
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    // The JavaBean accessors through which the container sets activation config properties.
    // Names, types, defaults, checks and documentation are declared once, in ListenerProperties.

    private <T> T get(Property<T> property) {
        T value = values.peek(property);
        return value != null ? value : property.defaultValue();
    }

    @ConfigProperty public void setHost(String v) { values.set(HOST, v); }
    public String getHost() { return get(HOST); }
    @ConfigProperty public void setPort(Integer v) { values.set(PORT, v); }
    public Integer getPort() { return get(PORT); }
    @ConfigProperty public void setAddress(String v) { values.set(ADDRESS, v); }
    public String getAddress() { return get(ADDRESS); }
    @ConfigProperty public void setMaxConcurrency(Integer v) { values.set(MAX_CONCURRENCY, v); }
    public Integer getMaxConcurrency() { return get(MAX_CONCURRENCY); }
    @ConfigProperty public void setLinkCredit(Integer v) { values.set(LINK_CREDIT, v); }
    public Integer getLinkCredit() { return get(LINK_CREDIT); }
    @ConfigProperty public void setIdleTimeout(Long v) { values.set(IDLE_TIMEOUT, v); }
    public Long getIdleTimeout() { return get(IDLE_TIMEOUT); }
    @ConfigProperty public void setMaxFrameSize(Integer v) { values.set(MAX_FRAME_SIZE, v); }
    public Integer getMaxFrameSize() { return get(MAX_FRAME_SIZE); }
    @ConfigProperty public void setMaxConnections(Integer v) { values.set(MAX_CONNECTIONS, v); }
    public Integer getMaxConnections() { return get(MAX_CONNECTIONS); }
    @ConfigProperty public void setMaxUnauthenticatedConnections(Integer v) { values.set(MAX_UNAUTHENTICATED_CONNECTIONS, v); }
    public Integer getMaxUnauthenticatedConnections() { return get(MAX_UNAUTHENTICATED_CONNECTIONS); }
    @ConfigProperty public void setMaxSessionsPerConnection(Integer v) { values.set(MAX_SESSIONS_PER_CONNECTION, v); }
    public Integer getMaxSessionsPerConnection() { return get(MAX_SESSIONS_PER_CONNECTION); }
    @ConfigProperty public void setMaxLinksPerConnection(Integer v) { values.set(MAX_LINKS_PER_CONNECTION, v); }
    public Integer getMaxLinksPerConnection() { return get(MAX_LINKS_PER_CONNECTION); }
    @ConfigProperty public void setMaxBufferedBytes(Long v) { values.set(MAX_BUFFERED_BYTES, v); }
    public Long getMaxBufferedBytes() { return get(MAX_BUFFERED_BYTES); }
    @ConfigProperty public void setContainerId(String v) { values.set(CONTAINER_ID, v); }
    public String getContainerId() { return get(CONTAINER_ID); }
    @ConfigProperty public void setOnError(String v) { values.set(ON_ERROR, v); }
    public String getOnError() { return get(ON_ERROR); }
    @ConfigProperty public void setSendExceptionText(Boolean v) { values.set(SEND_EXCEPTION_TEXT, v); }
    public Boolean getSendExceptionText() { return get(SEND_EXCEPTION_TEXT); }
    @ConfigProperty public void setHandshakeTimeout(Long v) { values.set(HANDSHAKE_TIMEOUT, v); }
    public Long getHandshakeTimeout() { return get(HANDSHAKE_TIMEOUT); }
    @ConfigProperty public void setMaxMessageSize(Integer v) { values.set(MAX_MESSAGE_SIZE, v); }
    public Integer getMaxMessageSize() { return get(MAX_MESSAGE_SIZE); }
    @ConfigProperty public void setSaslMechanisms(String v) { values.set(SASL_MECHANISMS, v); }
    public String getSaslMechanisms() { return get(SASL_MECHANISMS); }
    @ConfigProperty public void setAuthenticator(String v) { values.set(AUTHENTICATOR, v); }
    public String getAuthenticator() { return get(AUTHENTICATOR); }
    @ConfigProperty public void setSecurityDomain(String v) { values.set(SECURITY_DOMAIN, v); }
    public String getSecurityDomain() { return get(SECURITY_DOMAIN); }
    @ConfigProperty public void setKeyStore(String v) { values.set(KEY_STORE, v); }
    public String getKeyStore() { return get(KEY_STORE); }
    @ConfigProperty(confidential = true) public void setKeyStorePassword(String v) { values.set(KEY_STORE_PASSWORD, v); }
    public String getKeyStorePassword() { return get(KEY_STORE_PASSWORD); }
    @ConfigProperty public void setKeyStoreType(String v) { values.set(KEY_STORE_TYPE, v); }
    public String getKeyStoreType() { return get(KEY_STORE_TYPE); }
    @ConfigProperty public void setTrustStore(String v) { values.set(TRUST_STORE, v); }
    public String getTrustStore() { return get(TRUST_STORE); }
    @ConfigProperty(confidential = true) public void setTrustStorePassword(String v) { values.set(TRUST_STORE_PASSWORD, v); }
    public String getTrustStorePassword() { return get(TRUST_STORE_PASSWORD); }
    @ConfigProperty public void setTrustStoreType(String v) { values.set(TRUST_STORE_TYPE, v); }
    public String getTrustStoreType() { return get(TRUST_STORE_TYPE); }
    @ConfigProperty public void setClientAuth(String v) { values.set(CLIENT_AUTH, v); }
    public String getClientAuth() { return get(CLIENT_AUTH); }
    @ConfigProperty public void setEnabledProtocols(String v) { values.set(ENABLED_PROTOCOLS, v); }
    public String getEnabledProtocols() { return get(ENABLED_PROTOCOLS); }


    // Connect mode: the connection properties of a connection factory, and the consumer's.

    @ConfigProperty public void setVirtualHost(String v) { values.set(ConnectionProperties.VIRTUAL_HOST, v); }
    public String getVirtualHost() { return get(ConnectionProperties.VIRTUAL_HOST); }
    @ConfigProperty public void setConnectTimeout(Long v) { values.set(ConnectionProperties.CONNECT_TIMEOUT, v); }
    public Long getConnectTimeout() { return get(ConnectionProperties.CONNECT_TIMEOUT); }
    @ConfigProperty public void setSendTimeout(Long v) { values.set(ConnectionProperties.SEND_TIMEOUT, v); }
    public Long getSendTimeout() { return get(ConnectionProperties.SEND_TIMEOUT); }
    @ConfigProperty public void setTransport(String v) { values.set(ConnectionProperties.TRANSPORT_KIND, v); }
    public String getTransport() { return get(ConnectionProperties.TRANSPORT_KIND); }
    @ConfigProperty public void setVerifyHost(Boolean v) { values.set(ConnectionProperties.VERIFY_HOST, v); }
    public Boolean getVerifyHost() { return get(ConnectionProperties.VERIFY_HOST); }
    @ConfigProperty public void setEnabledCipherSuites(String v) { values.set(ConnectionProperties.ENABLED_CIPHER_SUITES, v); }
    public String getEnabledCipherSuites() { return get(ConnectionProperties.ENABLED_CIPHER_SUITES); }
    @ConfigProperty public void setUsername(String v) { values.set(ConnectionProperties.USERNAME, v); }
    public String getUsername() { return get(ConnectionProperties.USERNAME); }
    @ConfigProperty(confidential = true) public void setPassword(String v) { values.set(ConnectionProperties.PASSWORD, v); }
    public String getPassword() { return get(ConnectionProperties.PASSWORD); }
    @ConfigProperty public void setReconnect(Boolean v) { values.set(ConnectionProperties.RECONNECT_ON, v); }
    public Boolean getReconnect() { return get(ConnectionProperties.RECONNECT_ON); }
    @ConfigProperty public void setInitialReconnectDelay(Long v) { values.set(ConnectionProperties.INITIAL_RECONNECT_DELAY, v); }
    public Long getInitialReconnectDelay() { return get(ConnectionProperties.INITIAL_RECONNECT_DELAY); }
    @ConfigProperty public void setMaxReconnectDelay(Long v) { values.set(ConnectionProperties.MAX_RECONNECT_DELAY, v); }
    public Long getMaxReconnectDelay() { return get(ConnectionProperties.MAX_RECONNECT_DELAY); }
    @ConfigProperty public void setReconnectBackoffMultiplier(Double v) { values.set(ConnectionProperties.RECONNECT_BACKOFF_MULTIPLIER, v); }
    public Double getReconnectBackoffMultiplier() { return get(ConnectionProperties.RECONNECT_BACKOFF_MULTIPLIER); }
    @ConfigProperty public void setReconnectJitter(Double v) { values.set(ConnectionProperties.RECONNECT_JITTER, v); }
    public Double getReconnectJitter() { return get(ConnectionProperties.RECONNECT_JITTER); }
    @ConfigProperty public void setReconnectLimit(Integer v) { values.set(ConnectionProperties.RECONNECT_LIMIT, v); }
    public Integer getReconnectLimit() { return get(ConnectionProperties.RECONNECT_LIMIT); }
    @ConfigProperty public void setStartupReconnectLimit(Integer v) { values.set(ConnectionProperties.STARTUP_RECONNECT_LIMIT, v); }
    public Integer getStartupReconnectLimit() { return get(ConnectionProperties.STARTUP_RECONNECT_LIMIT); }
    @ConfigProperty public void setFailoverHosts(String v) { values.set(ConnectionProperties.FAILOVER_HOSTS, v); }
    public String getFailoverHosts() { return get(ConnectionProperties.FAILOVER_HOSTS); }
    @ConfigProperty public void setConnectionDetailsProvider(String v) { values.set(ConnectionProperties.CONNECTION_DETAILS_PROVIDER, v); }
    public String getConnectionDetailsProvider() { return get(ConnectionProperties.CONNECTION_DETAILS_PROVIDER); }
    @ConfigProperty public void setUseServerFailoverList(Boolean v) { values.set(ConnectionProperties.USE_SERVER_FAILOVER_LIST, v); }
    public Boolean getUseServerFailoverList() { return get(ConnectionProperties.USE_SERVER_FAILOVER_LIST); }
    @ConfigProperty public void setResendOnReconnect(Boolean v) { values.set(ConnectionProperties.RESEND_ON_RECONNECT, v); }
    public Boolean getResendOnReconnect() { return get(ConnectionProperties.RESEND_ON_RECONNECT); }
    @ConfigProperty public void setMode(String v) { values.set(ConsumerProperties.MODE, v); }
    public String getMode() { return get(ConsumerProperties.MODE); }
    @ConfigProperty public void setConnectionFactoryLookup(String v) { values.set(ConsumerProperties.CONNECTION_FACTORY_LOOKUP, v); }
    public String getConnectionFactoryLookup() { return get(ConsumerProperties.CONNECTION_FACTORY_LOOKUP); }
    @ConfigProperty public void setAddressType(String v) { values.set(ConsumerProperties.ADDRESS_TYPE, v); }
    public String getAddressType() { return get(ConsumerProperties.ADDRESS_TYPE); }
    @ConfigProperty public void setFilter(String v) { values.set(ConsumerProperties.FILTER, v); }
    public String getFilter() { return get(ConsumerProperties.FILTER); }
    @ConfigProperty public void setSubscriptionName(String v) { values.set(ConsumerProperties.SUBSCRIPTION_NAME, v); }
    public String getSubscriptionName() { return get(ConsumerProperties.SUBSCRIPTION_NAME); }
    @ConfigProperty public void setSubscriptionDurability(String v) { values.set(ConsumerProperties.SUBSCRIPTION_DURABILITY, v); }
    public String getSubscriptionDurability() { return get(ConsumerProperties.SUBSCRIPTION_DURABILITY); }
    @ConfigProperty public void setUnsubscribeOnUndeploy(Boolean v) { values.set(ConsumerProperties.UNSUBSCRIBE_ON_UNDEPLOY, v); }
    public Boolean getUnsubscribeOnUndeploy() { return get(ConsumerProperties.UNSUBSCRIBE_ON_UNDEPLOY); }
    @ConfigProperty public void setShared(Boolean v) { values.set(ConsumerProperties.SHARED, v); }
    public Boolean getShared() { return get(ConsumerProperties.SHARED); }
    @ConfigProperty public void setOrdered(Boolean v) { values.set(ConsumerProperties.ORDERED, v); }
    public Boolean getOrdered() { return get(ConsumerProperties.ORDERED); }
    @ConfigProperty public void setTransacted(Boolean v) { values.set(ConsumerProperties.TRANSACTED, v); }
    public Boolean getTransacted() { return get(ConsumerProperties.TRANSACTED); }
    @ConfigProperty public void setMaxRedeliveries(Integer v) { values.set(ConsumerProperties.MAX_REDELIVERIES, v); }
    public Integer getMaxRedeliveries() { return get(ConsumerProperties.MAX_REDELIVERIES); }
    @ConfigProperty public void setOnPoison(String v) { values.set(ConsumerProperties.ON_POISON, v); }
    public String getOnPoison() { return get(ConsumerProperties.ON_POISON); }
    @ConfigProperty public void setDrainTimeout(Long v) { values.set(ConsumerProperties.DRAIN_TIMEOUT, v); }
    public Long getDrainTimeout() { return get(ConsumerProperties.DRAIN_TIMEOUT); }

    @Override
    public String toString() {
        return "AmqpActivationSpec[" + getHost() + ":" + getPort() + ", address=" + getAddress() + "]"; // no passwords
    }
}
