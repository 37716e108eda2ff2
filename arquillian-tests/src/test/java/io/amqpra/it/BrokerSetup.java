package io.amqpra.it;

import io.amqpra.impl.broker.TestBroker;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * Starts the broker before anything is deployed, and points the rar's default connection
 * factory at it the way an operator would: through server system properties that the rar's
 * {@code ironjacamar.xml} reads.
 */
public class BrokerSetup implements ServerSetupTask {

    public static TestBroker broker() {
        try {
            return Brokers.primary();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        TestBroker broker = Brokers.primary();
        SystemProperties.set(client, java.util.Map.of("amqp.host", "127.0.0.1",
                "amqp.port", String.valueOf(broker.port()), "amqp.sendTimeout", "10000"));
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        SystemProperties.remove(client, java.util.List.of("amqp.host", "amqp.port", "amqp.sendTimeout"));
        Brokers.stopAll();
    }
}
