package io.amqpra.impl.client;

import io.amqpra.api.ConnectionDetailsProvider;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.transport.TlsContexts;
import io.netty.handler.ssl.SslContext;
import jakarta.resource.spi.InvalidPropertyException;

/**
 * What a client connection needs: its checked settings, and what the owner resolved from them
 * once (the TLS context, read from the stores when the factory was configured, and the
 * connection details provider).
 *
 * @param sslContext the TLS context, or {@code null} for plain TCP
 * @param provider asked for the endpoint before each attempt, or {@code null}
 * @param figures where the connection counts what it does: its owner's
 */
public record ClientConfig(ConnectionSettings settings, SslContext sslContext, ConnectionDetailsProvider provider,
                           Figures figures) {

    /**
     * Resolves what {@code settings} name: reads the TLS stores and loads the provider class
     * (with the context class loader, else {@code adapterLoader}). Fails naming the property.
     */
    public static ClientConfig of(ConnectionSettings settings, ClassLoader adapterLoader, Figures figures)
            throws InvalidPropertyException {
        return new ClientConfig(settings, settings.tls() == null ? null : TlsContexts.client(settings.tls()),
                ProviderLoader.load(settings.reconnect().connectionDetailsProvider(), adapterLoader), figures);
    }

    /** The same with other credentials, as used by application sign-on. */
    public ClientConfig withCredentials(String user, String pass) {
        return new ClientConfig(settings.withCredentials(user, pass), sslContext, provider, figures);
    }

    /** The same with {@code containerId} in place of the configured one. */
    public ClientConfig withContainerId(String containerId) {
        return new ClientConfig(settings.withContainerId(containerId), sslContext, provider, figures);
    }
}
