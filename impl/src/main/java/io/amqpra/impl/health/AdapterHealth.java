package io.amqpra.impl.health;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.AmqpResourceAdapter;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Health responses from the status of the adapters running in this deployment of the rar. */
final class AdapterHealth {

    /** The name of both checks in the server's health report. */
    static final String NAME = "amqp-ra";

    private AdapterHealth() {
    }

    /** Up when every factory reaches its peer, every listener is bound and every consuming bean is connected. */
    static HealthCheckResponse readiness() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (ResourceStatus r : AmqpResourceAdapter.running().resources()) {
            response.withData(kind(r) + " " + r.name(), r.ready() ? "ready" : r.problem());
            if (!r.ready()) {
                response.down();
            }
        }
        return response.build();
    }

    /** Down while an event loop has been stuck longer than {@code stuckLoopThreshold}. */
    static HealthCheckResponse liveness() {
        AdapterStatus adapter = AmqpResourceAdapter.running();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        if (!adapter.live()) {
            response.down().withData("stuck", adapter.stuck());
        }
        return response.build();
    }

    private static String kind(ResourceStatus r) {
        return switch (r.kind()) {
            case CONNECTION_FACTORY -> "connection factory";
            case LISTENER -> "listener";
            case CONSUMER -> "consumer";
        };
    }
}
