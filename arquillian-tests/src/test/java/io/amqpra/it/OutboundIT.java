package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.MessagingServlet;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AnnotationPeek;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rar deployed to WildFly as built, an application that injects its default connection
 * factory, an Artemis broker, and Qpid JMS as the independent client on the other side.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BrokerSetup.class)
@RunAsClient
class OutboundIT {

    private static final int MANY = 1000;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Deployments.app("outbound-app.war", MessagingServlet.class);
    }

    private static JmsConnectionFactory jms() {
        return new JmsConnectionFactory(BrokerSetup.broker().uri());
    }

    @Test
    void theApplicationRunsInsideTheUnpackedWildFly() throws Exception {
        String home = Http.get(app, "amqp/server");
        assertEquals(new File(System.getProperty("wildfly.home")).getCanonicalPath(),
                new File(home).getCanonicalPath());
    }

    @Test
    void aThousandMessagesSentByTheApplicationArriveIntactAtQpidJms() throws Exception {
        assertEquals("{ACCEPTED=" + MANY + "}", Http.get(app, "amqp/send?address=to-jms&count=" + MANY));

        try (JMSContext context = jms().createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("to-jms"));
            for (int i = 0; i < MANY; i++) {
                TextMessage m = (TextMessage) consumer.receive(10_000);
                assertNotNull(m, "message " + i + " missing");
                assertEquals("message " + i, m.getText());
                assertTrue(m.getJMSMessageID().endsWith("id-" + i), m.getJMSMessageID());
                assertEquals("test-subject", m.getJMSType());
                assertEquals(i, m.getIntProperty("index"));
                assertEquals("wildfly", m.getStringProperty("origin"));
                assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
                assertEquals(6, m.getJMSPriority());
                assertEquals("annotated", String.valueOf(AnnotationPeek.messageAnnotation(m, "x-opt-test")));
                AmqpJmsMessageFacade facade = (AmqpJmsMessageFacade) ((JmsMessage) m).getFacade();
                assertEquals("text/plain", String.valueOf(facade.getContentType()));
            }
            assertEquals(null, consumer.receiveNoWait(), "more messages than were sent");
        }
    }

    @Test
    void aThousandMessagesSentByQpidJmsReachTheApplicationIntact() throws Exception {
        try (JMSContext context = jms().createContext()) {
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MANY; i++) {
                TextMessage m = context.createTextMessage("jms " + i);
                m.setJMSType("from-jms");
                m.setIntProperty("index", i);
                m.setStringProperty("origin", "qpid-jms");
                producer.send(context.createQueue("from-jms"), m);
            }
        }
        List<String> lines = Http.get(app, "amqp/receive?address=from-jms&count=" + MANY).lines().toList();
        assertEquals(MANY, lines.size(), () -> "last lines: " + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        for (int i = 0; i < MANY; i++) {
            String[] f = lines.get(i).split("\\|");
            assertEquals("jms " + i, f[0]);
            assertTrue(f[1].startsWith("ID:"), f[1]);
            assertEquals("from-jms", f[2]);
            assertEquals(String.valueOf(i), f[3]);
            assertEquals("qpid-jms", f[4]);
        }
        // Everything was accepted: nothing is left for a second consumer.
        try (JMSContext context = jms().createContext()) {
            assertEquals(null, context.createConsumer(context.createQueue("from-jms")).receive(500));
        }
    }

    @Test
    void pipelinedSendsAllGetTheirOutcome() throws Exception {
        assertEquals("{ACCEPTED=" + MANY + "}", Http.get(app, "amqp/send-async?address=async&count=" + MANY));
        java.util.Set<String> bodies = new java.util.HashSet<>();
        try (JMSContext context = jms().createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("async"));
            for (int i = 0; i < MANY; i++) {
                jakarta.jms.Message m = consumer.receive(10_000);
                assertNotNull(m, "message " + i + " missing");
                bodies.add(m.getBody(String.class));
            }
        }
        // Each one once: every body distinct, and nothing more left on the queue.
        assertEquals(MANY, bodies.size(), "duplicates among " + MANY);
        assertEquals(0, BrokerSetup.broker().awaitMessageCount("async", 0), BrokerSetup.broker().describe("async"));
    }

    @Test
    void handlesGivenBackToThePoolAreReusedWithoutNewConnections() throws Exception {
        Http.get(app, "amqp/reuse?address=reuse&count=1");
        long before = BrokerSetup.broker().totalConnectionCount();
        assertEquals("ACCEPTED=50", Http.get(app, "amqp/reuse?address=reuse&count=50"));
        assertEquals(before, BrokerSetup.broker().totalConnectionCount(), "a new AMQP connection was opened");
    }

    @Test
    void aConnectionTheBrokerKilledIsRecoveredOrReplaced() throws Exception {
        TestBroker broker = BrokerSetup.broker();
        Http.get(app, "amqp/reuse?address=killed&count=1");
        long before = broker.totalConnectionCount();
        broker.killConnections();
        Await.until("the broker to drop its connections", Duration.ofSeconds(10), () -> broker.connectionCount() == 0);

        assertEquals("ACCEPTED=5", Http.get(app, "amqp/reuse?address=killed&count=5"));
        assertTrue(broker.totalConnectionCount() > before, "no new connection was opened");
    }
}
