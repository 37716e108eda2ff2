package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.Inbox;
import io.amqpra.it.app.InboxServlet;
import io.amqpra.it.app.MessagingServlet;
import io.amqpra.it.app.OrdersBean;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the README tells an operator: with the rar in WildFly's resource-adapters subsystem and
 * {@code statistics-enabled=true}, the adapter's figures are in the management model (read with
 * the CLI) and at {@code /metrics}, and change as an application sends and a peer sends to an MDB.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(StatisticsIT.Setup.class)
@RunAsClient
class StatisticsIT {

    private static final ModelNode RA = Operations.createAddress("subsystem", "resource-adapters",
            "resource-adapter", Deployments.RAR);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int LISTEN_PORT = freePort();
    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    /** The server's management client, as the setup got it. */
    private static ManagementClient management;

    /** The subsystem entry the README gives, statistics on, pointed at the test's broker. */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            management = client;
            broker = TestBroker.startOnFreePort(false);
            ModelNode ra = Operations.createAddOperation(RA);
            ra.get("archive").set(Deployments.RAR);
            ra.get("transaction-support").set("LocalTransaction");
            ra.get("statistics-enabled").set(true);
            executeOperation(client, ra);
            ModelNode cd = RA.clone().add("connection-definitions", "amqp");
            ModelNode addCd = Operations.createAddOperation(cd);
            addCd.get("class-name").set("io.amqpra.impl.outbound.AmqpManagedConnectionFactory");
            addCd.get("jndi-name").set("java:/amqp/ConnectionFactory");
            executeOperation(client, addCd);
            for (String[] p : new String[][] {{"host", "127.0.0.1"}, {"port", String.valueOf(broker.port())}}) {
                ModelNode op = Operations.createAddOperation(cd.clone().add("config-properties", p[0]));
                op.get("value").set(p[1]);
                executeOperation(client, op);
            }
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            executeOperation(client, Operations.createRemoveOperation(RA));
            broker.close();
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
        return Deployments.app("statistics-app.war", MessagingServlet.class, Inbox.class, InboxServlet.class,
                        OrdersBean.class)
                .addAsWebInfResource(new StringAsset(Deployments.mdbBindings("OrdersBean", "127.0.0.1", LISTEN_PORT)),
                        "jboss-ejb3.xml");
    }

    @Test
    void theFiguresChangeInTheManagementModelAndAtMetrics() throws Exception {
        // WildFly's /metrics takes the resource adapters it finds at boot: reload once, as the
        // README says, after adding the subsystem entry.
        reload();
        Await.until(() -> "the application answers after the reload", Duration.ofSeconds(60), this::appAnswers);
        ModelNode before = statistics();
        assertEquals(1, before.get("ready").asInt(), before.toString());

        assertEquals("{ACCEPTED=20}", Http.get(app, "amqp/send?address=stats&count=20"));
        String result = Node.run("send.js", "127.0.0.1", LISTEN_PORT, "orders", 5, "stats");
        assertTrue(result.contains("\"accepted\":5"), result);

        ModelNode after = statistics();
        assertEquals(20, after.get("sendsAccepted").asLong() - before.get("sendsAccepted").asLong(), after.toString());
        assertEquals(5, after.get("receivedAccepted").asLong() - before.get("receivedAccepted").asLong(), after.toString());
        assertTrue(after.get("peersAccepted").asLong() >= 1, after.toString());
        assertTrue(after.get("connectionsOpen").asLong() >= 1, after.toString());
        assertTrue(after.get("bytesOut").asLong() > before.get("bytesOut").asLong(), after.toString());
        assertTrue(after.get("sendTimeP50Us").asLong() > 0, after.toString());

        long sends = after.get("sendsAccepted").asLong();
        Await.until(() -> "/metrics to export the figures: " + metricsLine("sends_accepted"), Duration.ofSeconds(30),
                () -> metricsLine("sends_accepted").endsWith(" " + (double) sends));
        assertTrue(metricsLine("received_accepted").endsWith(" " + (double) after.get("receivedAccepted").asLong()),
                metricsLine("received_accepted"));
        assertTrue(metricsLine("ready").endsWith(" 1.0"), metricsLine("ready"));
    }

    /** {@code read-resource(include-runtime=true)} of the adapter's statistics, as with the CLI. */
    private ModelNode statistics() throws IOException {
        ModelNode op = Operations.createReadResourceOperation(RA.clone().add("statistics", "extended"));
        op.get("include-runtime").set(true);
        return execute(op);
    }

    /** The line of /metrics for the adapter's figure {@code name}, or what was there instead. */
    private String metricsLine(String name) {
        String prefix = "wildfly_resource_adapters_extended_" + name + "{resource_adapter=\"" + Deployments.RAR + "\"}";
        try {
            String metrics = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + System.getProperty("wildfly.management.port") + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("no " + prefix);
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private void reload() throws IOException {
        execute(Operations.createOperation("reload"));
        Await.until("the server to run again after the reload", Duration.ofSeconds(60), () -> {
            try {
                ModelNode state = management.getControllerClient().execute(
                        Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state"));
                return Operations.isSuccessfulOutcome(state) && "running".equals(Operations.readResult(state).asString());
            } catch (IOException | RuntimeException e) {
                return false; // still reloading
            }
        });
    }

    private boolean appAnswers() {
        try {
            Http.get(app, "amqp/server");
            return true;
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    private ModelNode execute(ModelNode op) throws IOException {
        ModelNode result = management.getControllerClient().execute(op);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(op + " failed: " + Operations.getFailureDescription(result));
        }
        return Operations.readResult(result);
    }

    private static int freePort() {
        try {
            return TestBroker.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
