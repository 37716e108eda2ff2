package io.amqpra.impl.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The adapter's readiness, found by MicroProfile Health in the rar itself (a CDI bean archive),
 * so that no application has to write a check of its own.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return AdapterHealth.readiness();
    }
}
