package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.BadObservers;
import io.amqpra.it.app.EventRecorder;
import io.amqpra.it.app.EventsServlet;
import io.amqpra.it.app.MessagingServlet;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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
 * Lifecycle events reach the observers of the applications that use the connection factory,
 * in order, while the broker goes away, comes back, and goes away for good.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(EventsIT.Setup.class)
@RunAsClient
class EventsIT {

    private static java.util.Map<String, String> properties;
    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("watcher")
    private URL watcher;

    @ArquillianResource
    @OperateOnDeployment("careless")
    private URL careless;

    @ArquillianResource
    @OperateOnDeployment("bystander")
    private URL bystander;

    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.startOnFreePort(false);
            int port = broker.port();
            properties = java.util.Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(port),
                    "amqp.initialReconnectDelay", "50", "amqp.maxReconnectDelay", "200", "amqp.reconnectLimit", "4",
                    "amqp.sendTimeout", "5000");
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

    /** Uses the connection factory and records every event. */
    @Deployment(name = "watcher", order = 2, testable = false)
    static WebArchive watcher() {
        return Deployments.app("watcher.war", MessagingServlet.class, EventRecorder.class, EventsServlet.class);
    }

    /** Uses the connection factory too, with an observer that throws and one that blocks. */
    @Deployment(name = "careless", order = 3, testable = false)
    static WebArchive careless() {
        return Deployments.app("careless.war", MessagingServlet.class, BadObservers.class);
    }

    /** Never touches the adapter: it must hear nothing. */
    @Deployment(name = "bystander", order = 4, testable = false)
    static WebArchive bystander() {
        return Deployments.app("bystander.war", EventRecorder.class, EventsServlet.class);
    }

    private List<String> events() {
        try {
            return Http.get(watcher, "events").lines().filter(l -> !l.isBlank()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> types() {
        return events().stream().map(l -> l.substring(0, l.indexOf('|'))).collect(Collectors.toList());
    }

    @Test
    void theBrokerGoesComesBackAndGoesForGood() throws Exception {
        // An application hears of a factory's connections from its first getConnection() on.
        assertEquals("{ACCEPTED=1}", Http.get(watcher, "amqp/send?address=events&count=1"));
        Await.until("opened", Duration.ofSeconds(10), () -> types().contains("ConnectionOpened"));
        assertEquals("{ACCEPTED=1}", Http.get(careless, "amqp/send?address=events&count=1"));

        broker.stop();
        Await.until("disconnected and reconnecting", Duration.ofSeconds(10),
                () -> types().contains("ConnectionDisconnected") && types().contains("Reconnecting"));
        broker.restart();
        long restarted = System.nanoTime();
        // Sending works again at once, whatever the careless application's observers do.
        assertEquals("{ACCEPTED=100}", Http.get(watcher, "amqp/send?address=events&count=100"));
        long recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;
        assertTrue(recoveredMillis < 3_000, "sends after the restart took " + recoveredMillis + " ms");
        Await.until("reconnected", Duration.ofSeconds(10), () -> types().contains("Reconnected"));

        broker.stop();
        Await.until("given up", Duration.ofSeconds(20), () -> types().contains("ReconnectGivenUp"));

        List<String> lines = events();
        List<String> types = types();
        String sequence = String.join(",", types.stream().distinct().toList());
        assertEquals("ConnectionOpened,ConnectionDisconnected,Reconnecting,Reconnected,ReconnectGivenUp",
                sequence.replace(",ConnectionClosed", ""), "order of first appearance; all: " + lines);
        assertTrue(lines.get(0).contains("reconnect=false"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ConnectionOpened|") && l.contains("reconnect=true")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ConnectionDisconnected|") && l.contains("willReconnect=true")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ReconnectGivenUp|") && l.contains("attempts=4")), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.contains("|java:/amqp/ConnectionFactory ")
                || l.contains("|127.0.0.1:")), "events name their factory: " + lines);
        int givenUp = types.indexOf("ReconnectGivenUp");
        assertEquals(4, types.subList(types.lastIndexOf("Reconnected"), givenUp).stream()
                .filter("Reconnecting"::equals).count(), "four attempts before giving up: " + lines);

        assertEquals("", Http.get(bystander, "events"), "an application that does not use the adapter heard events");
        broker.restart(); // for the teardown
    }
}
