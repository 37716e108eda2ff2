package io.amqpra.impl.inbound;

import static io.amqpra.impl.config.ListenerProperties.*;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.impl.config.Property;
import io.amqpra.impl.config.PropertyValues;
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

    private final PropertyValues values = new PropertyValues(PropertyValues.Scope.ACTIVATION);
    private ResourceAdapter resourceAdapter;

    /** The checked settings. */
    ListenerSettings settings() throws InvalidPropertyException {
        return ListenerSettings.from(values);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        settings();
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
    @ConfigProperty public void setContainerId(String v) { values.set(CONTAINER_ID, v); }
    public String getContainerId() { return get(CONTAINER_ID); }
    @ConfigProperty public void setOnError(String v) { values.set(ON_ERROR, v); }
    public String getOnError() { return get(ON_ERROR); }
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

    @Override
    public String toString() {
        return "AmqpActivationSpec[" + getHost() + ":" + getPort() + ", address=" + getAddress() + "]"; // no passwords
    }
}
