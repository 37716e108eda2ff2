package io.amqpra.it;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker is stopped and started 20 times while an application in WildFly sends: the
 * application sees no error, and every message it saw accepted is on the broker afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BrokerRestartIT.Setup.class)
@RunAsClient
class BrokerRestartIT {

    private static final int RESTARTS = 20;
    private static final int MESSAGES = 8000;
    private static Map<String, String> properties;
    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    /** A broker with a journal on a fixed port, and the rar pointed at it by system properties. */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.startOnFreePort(true);
            int port = broker.port();
            properties = Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(port),
                    "amqp.initialReconnectDelay", "50", "amqp.maxReconnectDelay", "400", "amqp.sendTimeout", "20000");
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
        return Deployments.app("restart-app.war", MessagingServlet.class);
    }

    @Test
    void twentyRestartsWhileSendingLoseNoAcceptedMessage() throws Exception {
        CompletableFuture<String> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(app, "amqp/send?address=restarts&count=" + MESSAGES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> recoveryMillis = new ArrayList<>();
        for (int round = 0; round < RESTARTS; round++) {
            long before = broker.messageCount("restarts");
            Await.until("progress before restart " + round, Duration.ofSeconds(30),
                    () -> broker.messageCount("restarts") >= before + 50);
            broker.stop();
            broker.restart();
            long restarted = System.nanoTime();
            long after = broker.messageCount("restarts");
            Await.until("traffic after restart " + round, Duration.ofSeconds(30),
                    () -> broker.messageCount("restarts") > after);
            recoveryMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
        }
        // A broker that is stopping may reject a message it is routing at that moment: the
        // application gets that outcome (nothing is hidden). Every accepted one must survive.
        List<String> result = sending.get(3, TimeUnit.MINUTES).lines().toList();
        Set<String> rejected = new HashSet<>();
        for (String line : result.subList(1, result.size())) {
            rejected.add(line.substring(0, line.indexOf(' ')));
        }
        System.out.println("BrokerRestartIT: outcomes " + result);
        assertTrue(result.get(0).startsWith("{ACCEPTED="), result.toString());
        assertTrue(rejected.size() <= RESTARTS, "more than one rejection per restart: " + result);

        Set<String> ids = new HashSet<>();
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSConsumer consumer = jms.createConsumer(jms.createQueue("restarts"));
            Message m;
            while ((m = consumer.receive(2_000)) != null) {
                String id = m.getJMSMessageID();
                ids.add(id.substring(id.lastIndexOf(':') + 1));
            }
        }
        System.out.println("BrokerRestartIT: restarts=" + RESTARTS + " accepted=" + MESSAGES + " distinctOnBroker="
                + ids.size() + " recoveryMillis=" + recoveryMillis);
        for (int i = 0; i < MESSAGES; i++) {
            if (!rejected.contains("id-" + i)) {
                assertTrue(ids.contains("id-" + i), "accepted message id-" + i + " is missing from the broker");
            }
        }
        assertTrue(recoveryMillis.stream().allMatch(ms -> ms < 5_000), "slow recovery: " + recoveryMillis);
    }
}
