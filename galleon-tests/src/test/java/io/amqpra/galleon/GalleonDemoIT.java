package io.amqpra.galleon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo on a WildFly that Galleon provisioned from WildFly's feature pack and the adapter's
 * (layers web-server, management, embedded-activemq and amqp-ra): the rar came with the layer, message-driven
 * beans bind to it, and the default connection factory found its peer in the environment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GalleonDemoIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEMO = "http://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/amqp-demo/";

    @Deployment(testable = false)
    static WebArchive demo() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("demo.path")))
                .as(WebArchive.class);
    }

    @Test
    void theServerIsTrimmedAndHoldsTheAdapterFromItsLayer() throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home"));
        assertTrue(Files.exists(home.resolve("standalone/deployments/amqp-ra.rar")), "the layer deployed the rar");
        assertTrue(Files.notExists(home.resolve("standalone/configuration/standalone-full.xml")),
                "a trimmed server: only the configuration its layers make");
        String config = Files.readString(home.resolve("standalone/configuration/standalone.xml"));
        assertTrue(config.contains("${env.AMQP_HOST:localhost}"), "the connection factory's host comes from the environment");
        assertTrue(config.contains("<resource-adapter-ref resource-adapter-name=\"amqp-ra.rar\"/>"), "MDBs bind to the rar");
    }

    @Test
    void theDemoSendsThroughTheDefaultFactoryAndThroughTheEmbeddedBroker() throws Exception {
        post("send", "count=20&body=galleon");
        awaitStatus("received=20 distinct=20");
        post("send", "count=10&body=via-broker&via=broker");
        awaitStatus("received=30 distinct=30");
    }

    private static void post(String path, String form) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(DEMO + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 400, "POST " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }

    private static void awaitStatus(String expected) throws Exception {
        String[] last = {""};
        until(() -> (last[0] = status()).startsWith(expected), "status " + expected, last);
        assertEquals(expected, last[0].trim());
    }

    private static String status() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(DEMO + "status")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private static void until(BooleanSupplier condition, String what, String[] last) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what + "; last: " + last[0]);
            }
            Thread.sleep(50); // polling interval, not a wait for an outcome
        }
    }
}
