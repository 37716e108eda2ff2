package io.amqpra.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.payara.app.ConsumingBean;
import io.amqpra.payara.app.Inbox;
import io.amqpra.payara.app.InboxServlet;
import io.amqpra.payara.app.ListeningBean;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;
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
 * Message-driven beans in Payara bound to the rar by {@code glassfish-ejb-jar.xml}: one listens
 * for AMQP peers (Qpid JMS connects and sends to it), one consumes from an Artemis queue.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundPayaraIT {

    private static final int MANY = 200;
    private static int listenPort;
    private static TestBroker broker;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() throws Exception {
        broker = TestBroker.start();
        listenPort = TestBroker.freePort();
        Map<String, Map<String, String>> beans = new LinkedHashMap<>();
        beans.put("ListeningBean", Map.of("host", "127.0.0.1", "port", String.valueOf(listenPort)));
        beans.put("ConsumingBean", Map.of("mode", "connect", "host", "127.0.0.1",
                "port", String.valueOf(broker.port()), "address", "consumed", "initialReconnectDelay", "50",
                "maxReconnectDelay", "500"));
        return Deployments.app("inbound-app.war", Inbox.class, InboxServlet.class, ListeningBean.class,
                ConsumingBean.class).addAsWebInfResource(Deployments.mdbBindings(beans), "glassfish-ejb-jar.xml");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private String inbox(String bean) {
        try {
            return Http.get(app, "inbox?bean=" + bean);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void messagesQpidJmsSendsToTheListeningBeanAreEachProcessedOnce() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory("amqp://127.0.0.1:" + listenPort).createContext()) {
            JMSProducer producer = jms.createProducer();
            for (int i = 0; i < MANY; i++) {
                producer.send(jms.createQueue("orders"), "order " + i); // returns once accepted
            }
        }
        String inbox = inbox("ListeningBean");
        assertTrue(inbox.startsWith(MANY + " " + MANY + "\n"), inbox);
        assertTrue(inbox.contains("\norders:order " + (MANY - 1) + "\n") || inbox.endsWith("orders:order " + (MANY - 1)),
                inbox);
    }

    @Test
    void aMessageTheListeningBeanThrowsOnIsRejectedWithAReference() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory("amqp://127.0.0.1:" + listenPort).createContext()) {
            JMSProducer producer = jms.createProducer();
            JMSRuntimeException e = assertThrows(JMSRuntimeException.class,
                    () -> producer.send(jms.createQueue("orders"), "fail"));
            assertTrue(String.valueOf(e.getMessage()).contains("AMQPRA0182"), e.getMessage());
        }
    }

    @Test
    void theConsumingBeanTakesEveryMessageFromTheBrokersQueue() throws Exception {
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSProducer producer = jms.createProducer();
            for (int i = 0; i < MANY; i++) {
                producer.send(jms.createQueue("consumed"), "item " + i);
            }
        }
        Await.until(() -> "the bean to consume " + MANY + ": " + inbox("ConsumingBean").lines().findFirst(),
                Duration.ofSeconds(30), () -> inbox("ConsumingBean").startsWith(MANY + " " + MANY + "\n"));
        assertTrue(inbox("ConsumingBean").contains("consumed:item 0\n"), inbox("ConsumingBean"));
        assertEquals(0, broker.awaitMessageCount("consumed", 0), broker.describe("consumed"));
    }
}
