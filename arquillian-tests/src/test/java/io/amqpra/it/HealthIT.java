package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.MessagingServlet;
import io.amqpra.it.app.StatusServlet;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter's health as WildFly reports it (MicroProfile Health, which the build adds to the
 * test server's standalone.xml): readiness follows the broker, and liveness a stuck event loop.
 * The application reads the same status through the API.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(HealthIT.Setup.class)
@RunAsClient
class HealthIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Map<String, String> properties;
    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.startOnFreePort(false);
            properties = Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(broker.port()),
                    "amqp.initialReconnectDelay", "50", "amqp.maxReconnectDelay", "200",
                    "amqp.stuckLoopThreshold", "300");
            SystemProperties.set(client, properties);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            SystemProperties.remove(client, properties.keySet());
            broker.close();
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Deployments.app("health-app.war", MessagingServlet.class, StatusServlet.class);
    }

    @Test
    void readinessFollowsTheBrokerAndTheApplicationSeesTheFigures() throws Exception {
        assertEquals("{ACCEPTED=20}", Http.get(app, "amqp/send?address=health&count=20"));
        String status = Http.get(app, "status");
        assertTrue(status.startsWith("ready=true live=true"), status);
        assertTrue(status.contains("CONNECTION_FACTORY java:/amqp/ConnectionFactory ready"), status);
        assertTrue(status.contains(" sends-accepted=20 ") && status.contains(" connections-open=1 "), status);
        Await.until(() -> "ready with the broker up: " + health("ready"), WAIT,
                () -> health("ready").startsWith("200 ") && health("ready").contains("\"amqp-ra\""));

        broker.stop();
        Await.until(() -> "not ready without the broker: " + health("ready"), WAIT,
                () -> health("ready").startsWith("503 ")
                        && health("ready").contains("\"connection factory java:/amqp/ConnectionFactory\""));
        assertTrue(Http.get(app, "status").startsWith("ready=false"));

        broker.restart();
        Await.until(() -> "ready again once the broker is back: " + health("ready"), WAIT,
                () -> health("ready").startsWith("200 "));
        assertEquals("{ACCEPTED=1}", Http.get(app, "amqp/send?address=health&count=1"));
        String after = Http.get(app, "status");
        assertTrue(after.contains(" sends-accepted=21 ") && after.contains(" reconnect-attempts="), after);
    }

    @Test
    void aStuckEventLoopIsLoggedWithItsStackAndTakesLivenessDown() throws Exception {
        Path log = Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
        long logBefore = Files.size(log);
        assertTrue(health("live").startsWith("200 "), health("live"));

        Http.get(app, "status?stallMillis=3000");
        Await.until(() -> "liveness down while a loop is stuck: " + health("live"), WAIT,
                () -> health("live").startsWith("503 ") && health("live").contains("has not turned for"));
        Await.until(() -> "a warning with the loop's stack in server.log", WAIT,
                () -> newLog(log, logBefore).contains("AMQPRA0201") && newLog(log, logBefore).contains("parkNanos"));
        Await.until(() -> "live again once the loop turns: " + health("live"), WAIT,
                () -> health("live").startsWith("200 "));
        assertTrue(newLog(log, logBefore).contains("AMQPRA0202"), "the loop turning again is logged");
    }

    /** {@code <status code> <body>} of the server's /health/{@code which} on its management port. */
    private static String health(String which) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + System.getProperty("wildfly.management.port") + "/health/" + which))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private static String newLog(Path log, long from) {
        byte[] all;
        try {
            all = Files.readAllBytes(log);
        } catch (java.io.IOException e) {
            return "";
        }
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from));
    }
}
