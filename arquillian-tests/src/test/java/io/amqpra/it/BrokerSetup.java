package io.amqpra.it;

import io.amqpra.impl.broker.TestBroker;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

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
        setProperty(client, "amqp.host", "127.0.0.1");
        setProperty(client, "amqp.port", String.valueOf(broker.port()));
        setProperty(client, "amqp.sendTimeout", "10000");
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : new String[] {"amqp.host", "amqp.port", "amqp.sendTimeout"}) {
            executeOperation(client, Operations.createRemoveOperation(
                    Operations.createAddress("system-property", name)));
        }
        Brokers.stopAll();
    }

    private void setProperty(ManagementClient client, String name, String value) throws Exception {
        ModelNode op = Operations.createAddOperation(Operations.createAddress("system-property", name));
        op.get("value").set(value);
        executeOperation(client, op);
    }
}
