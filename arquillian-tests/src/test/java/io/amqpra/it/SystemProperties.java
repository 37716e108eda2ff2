package io.amqpra.it;

import java.util.Map;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** Server system properties, set the way an operator does with /system-property=...:add(value=...). */
final class SystemProperties {

    private SystemProperties() {
    }

    static void set(ManagementClient client, Map<String, String> properties) throws Exception {
        for (Map.Entry<String, String> p : properties.entrySet()) {
            ModelNode op = Operations.createAddOperation(Operations.createAddress("system-property", p.getKey()));
            op.get("value").set(p.getValue());
            execute(client, op);
        }
    }

    static void remove(ManagementClient client, Iterable<String> names) throws Exception {
        for (String name : names) {
            execute(client, Operations.createRemoveOperation(Operations.createAddress("system-property", name)));
        }
    }

    private static void execute(ManagementClient client, ModelNode op) throws Exception {
        ModelNode result = client.getControllerClient().execute(op);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException("Failed " + op + ": " + Operations.getFailureDescription(result));
        }
    }
}
