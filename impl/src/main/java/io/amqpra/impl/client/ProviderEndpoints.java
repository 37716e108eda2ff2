package io.amqpra.impl.client;

import io.amqpra.api.ConnectionDetails;
import io.amqpra.api.ConnectionDetailsProvider;
import io.amqpra.impl.config.Endpoint;

/**
 * The application's {@link ConnectionDetailsProvider} as a source of endpoints for
 * {@link Recovery}. A provider that throws has no answer this time; the configured endpoints
 * then apply.
 */
final class ProviderEndpoints implements Recovery.EndpointSource {

    private final ConnectionDetailsProvider provider;
    private final ConnectionReporter reporter;

    ProviderEndpoints(ConnectionDetailsProvider provider, ConnectionReporter reporter) {
        this.provider = provider;
        this.reporter = reporter;
    }

    @Override
    public Endpoint endpointFor(int attempt, Endpoint previous) {
        try {
            ConnectionDetails d = provider.connectionDetails(attempt,
                    new ConnectionDetails(previous.host(), previous.port()));
            return d == null ? null : new Endpoint(d.host(), d.port());
        } catch (RuntimeException e) {
            reporter.providerFailed(e);
            return null;
        }
    }
}
