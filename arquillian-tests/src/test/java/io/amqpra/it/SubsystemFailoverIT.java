package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.MessagingServlet;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator configures the connection factory in WildFly's resource-adapters subsystem with
 * the CLI (the rar deployed without its own ironjacamar.xml), with a failover host. The primary
 * broker dies under load; the application sees no error and every accepted message is on one of
 * the two brokers.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(SubsystemFailoverIT.Setup.class)
@RunAsClient
class SubsystemFailoverIT {

    private static final int MESSAGES = 3000;
    private static TestBroker primary;
    private static TestBroker secondary;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    /** Brokers with journals, and the subsystem entry an operator would add. */
    public static class Setup implements ServerSetupTask {
        private static final ModelNode RA = Operations.createAddress("subsystem", "resource-adapters",
                "resource-adapter", Deployments.RAR);

        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            primary = TestBroker.startOnFreePort(true);
            secondary = TestBroker.startOnFreePort(true);
            ModelNode ra = Operations.createAddOperation(RA);
            ra.get("archive").set(Deployments.RAR);
            ra.get("transaction-support").set("LocalTransaction");
            executeOperation(client, ra);
            ModelNode cd = RA.clone().add("connection-definitions", "amqp");
            ModelNode addCd = Operations.createAddOperation(cd);
            addCd.get("class-name").set("io.amqpra.impl.outbound.AmqpManagedConnectionFactory");
            addCd.get("jndi-name").set("java:/amqp/ConnectionFactory");
            executeOperation(client, addCd);
            property(client, cd, "host", "127.0.0.1");
            property(client, cd, "port", String.valueOf(primary.port()));
            property(client, cd, "failoverHosts", "127.0.0.1:" + secondary.port());
            property(client, cd, "initialReconnectDelay", "50");
            property(client, cd, "maxReconnectDelay", "1000");
            property(client, cd, "sendTimeout", "20000");
        }

        private void property(ManagementClient client, ModelNode cd, String name, String value) throws Exception {
            ModelNode op = Operations.createAddOperation(cd.clone().add("config-properties", name));
            op.get("value").set(value);
            executeOperation(client, op);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            executeOperation(client, Operations.createRemoveOperation(RA));
            primary.close();
            secondary.close();
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        ResourceAdapterArchive rar = Deployments.rar();
        rar.delete("META-INF/ironjacamar.xml"); // the subsystem entry activates it instead
        return rar;
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Deployments.app("failover-app.war", MessagingServlet.class);
    }

    @Test
    void killingThePrimaryUnderLoadMovesTheTrafficWithoutAnErrorAndLosesNothing() throws Exception {
        CompletableFuture<String> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(app, "amqp/send?address=failover&count=" + MESSAGES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the primary to get traffic", Duration.ofSeconds(30), () -> primary.messageCount("failover") >= 300);
        primary.killConnections(); // killed, not shut down: its sockets drop with no goodbye
        primary.stop();

        assertEquals("{ACCEPTED=" + MESSAGES + "}", sending.get(2, TimeUnit.MINUTES));
        long onSecondary = secondary.messageCount("failover");
        assertTrue(onSecondary > 0, "nothing reached the failover host");

        primary.restart(); // its journal still holds what it accepted before it died
        Set<String> ids = new HashSet<>();
        ids.addAll(drain(primary));
        ids.addAll(drain(secondary));
        for (int i = 0; i < MESSAGES; i++) {
            assertTrue(ids.contains("id-" + i), "accepted message id-" + i + " is on neither broker");
        }
    }

    private static Set<String> drain(TestBroker broker) throws Exception {
        Set<String> ids = new HashSet<>();
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSConsumer consumer = jms.createConsumer(jms.createQueue("failover"));
            Message m;
            while ((m = consumer.receive(2_000)) != null) {
                String id = m.getJMSMessageID();
                ids.add(id.substring(id.lastIndexOf(':') + 1));
            }
        }
        return ids;
    }
}
