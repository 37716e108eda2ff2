package io.amqpra.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.payara.app.MessagingServlet;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import java.net.URL;
import java.util.List;
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
 * The rar deployed to Payara Server as built; an application that injects the connection factory
 * its {@code glassfish-resources.xml} defines, sending to and receiving from Artemis, with Qpid
 * JMS on the other side.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OutboundPayaraIT {

    private static final int MANY = 200;
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
        return Deployments.app("outbound-app.war", MessagingServlet.class)
                .addAsWebInfResource(Deployments.connectionFactory(Map.of("host", "127.0.0.1",
                        "port", String.valueOf(broker.port()), "sendTimeout", "10000")), "glassfish-resources.xml");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static JMSContext jms() {
        return new JmsConnectionFactory(broker.uri()).createContext();
    }

    @Test
    void messagesSentByTheApplicationArriveIntactAtQpidJms() throws Exception {
        assertEquals("{ACCEPTED=" + MANY + "}", Http.get(app, "amqp/send?address=to-jms&count=" + MANY));
        try (JMSContext context = jms()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("to-jms"));
            for (int i = 0; i < MANY; i++) {
                TextMessage m = (TextMessage) consumer.receive(10_000);
                assertNotNull(m, "message " + i + " missing");
                assertEquals("message " + i, m.getText());
                assertEquals("from-payara", m.getJMSType());
                assertEquals(i, m.getIntProperty("index"));
            }
            assertNull(consumer.receiveNoWait(), "more messages than were sent");
        }
    }

    @Test
    void messagesSentByQpidJmsReachTheApplicationIntact() throws Exception {
        try (JMSContext context = jms()) {
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MANY; i++) {
                TextMessage m = context.createTextMessage("jms " + i);
                m.setJMSType("from-jms");
                m.setIntProperty("index", i);
                producer.send(context.createQueue("from-jms"), m);
            }
        }
        List<String> lines = Http.get(app, "amqp/receive?address=from-jms&count=" + MANY).lines().toList();
        assertEquals(MANY, lines.size(), () -> "got " + lines);
        for (int i = 0; i < MANY; i++) {
            assertEquals("jms " + i + "|from-jms|" + i, lines.get(i));
        }
        // All were accepted: nothing is left on the queue.
        assertEquals(0, broker.awaitMessageCount("from-jms", 0), broker.describe("from-jms"));
    }
}
