package io.amqpra.it;

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

    private static TestBroker broker;

    public static synchronized TestBroker broker() {
        return broker;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        synchronized (BrokerSetup.class) {
            broker = TestBroker.start();
        }
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
        synchronized (BrokerSetup.class) {
            broker.close();
            broker = null;
        }
    }

    private void setProperty(ManagementClient client, String name, String value) throws Exception {
        ModelNode op = Operations.createAddOperation(Operations.createAddress("system-property", name));
        op.get("value").set(value);
        executeOperation(client, op);
    }
}
