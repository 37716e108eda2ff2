package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.CONNECT_TIMEOUT;
import static io.amqpra.impl.config.ConnectionProperties.CONTAINER_ID;
import static io.amqpra.impl.config.ConnectionProperties.HOST;
import static io.amqpra.impl.config.ConnectionProperties.IDLE_TIMEOUT;
import static io.amqpra.impl.config.ConnectionProperties.MAX_FRAME_SIZE;
import static io.amqpra.impl.config.ConnectionProperties.PORT;
import static io.amqpra.impl.config.ConnectionProperties.VIRTUAL_HOST;

/**
 * Where an outgoing connection goes and what its AMQP open announces.
 *
 * @param containerId our container id, or {@code null} for a random one per connection
 * @param virtualHost the open frame's hostname, or {@code null} for the endpoint's host
 */
public record TransportOptions(Endpoint endpoint, String containerId, String virtualHost,
                               long idleTimeoutMillis, int maxFrameSize, long connectTimeoutMillis) {

    static TransportOptions from(PropertyValues values) throws InvalidSettingException {
        return new TransportOptions(new Endpoint(Endpoints.host(HOST.get(values)), PORT.get(values)),
                CONTAINER_ID.get(values), VIRTUAL_HOST.get(values), IDLE_TIMEOUT.get(values),
                MAX_FRAME_SIZE.get(values), CONNECT_TIMEOUT.get(values));
    }
}
