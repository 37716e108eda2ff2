package io.amqpra.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.payara.app.EventRecorder;
import io.amqpra.payara.app.EventsServlet;
import io.amqpra.payara.app.MessagingServlet;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker restarts under an application in Payara: its CDI observer hears the connection
 * open, drop, retry and come back, and its sends work again without it doing anything.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReconnectPayaraIT {

    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    /** A broker with a journal, on a port it keeps across the restart. */
    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() throws Exception {
        broker = TestBroker.startOnFreePort(true);
        return Deployments.app("reconnect-app.war", MessagingServlet.class, EventRecorder.class, EventsServlet.class)
                .addAsWebInfResource(Deployments.connectionFactory(Map.of("host", "127.0.0.1",
                        "port", String.valueOf(broker.port()), "initialReconnectDelay", "50",
                        "maxReconnectDelay", "200", "sendTimeout", "10000")), "glassfish-resources.xml");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private List<String> events() {
        try {
            return Http.get(app, "events").lines().filter(l -> !l.isBlank()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean heard(String type) {
        return events().stream().anyMatch(l -> l.startsWith(type + "|"));
    }

    @Test
    void afterABrokerRestartSendsWorkAgainAndTheObserverHeardItAll() throws Exception {
        assertEquals("{ACCEPTED=1}", Http.get(app, "amqp/send?address=restart&count=1"));
        Await.until("ConnectionOpened", Duration.ofSeconds(10), () -> heard("ConnectionOpened"));

        broker.stop();
        Await.until(() -> "disconnected and reconnecting: " + events(), Duration.ofSeconds(10),
                () -> heard("ConnectionDisconnected") && heard("Reconnecting"));
        broker.restart();

        assertEquals("{ACCEPTED=100}", Http.get(app, "amqp/send?address=restart&count=100"));
        Await.until(() -> "Reconnected: " + events(), Duration.ofSeconds(10), () -> heard("Reconnected"));
        assertEquals(101, broker.awaitMessageCount("restart", 101), broker.describe("restart"));

        List<String> lines = events();
        assertTrue(lines.get(0).startsWith("ConnectionOpened|") && lines.get(0).endsWith("reconnect=false"),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ConnectionDisconnected|") && l.endsWith("willReconnect=true")),
                lines.toString());
        // Payara does not tell a factory its JNDI name (WildFly does): events name its endpoint.
        assertTrue(lines.stream().allMatch(l -> l.contains("|127.0.0.1:" + broker.port() + "|")),
                "events name their connection factory: " + lines);
    }
}
