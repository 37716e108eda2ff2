package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Http;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.ForwardingConsumer;
import io.amqpra.it.app.Records;
import io.amqpra.it.app.RollbackConsumer;
import io.amqpra.it.app.RollbackListener;
import io.amqpra.it.app.TxSender;
import io.amqpra.it.app.TxServlet;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions in WildFly against an embedded, persistent Artemis: sends of container-managed
 * beans that commit or roll back, alone and together with a row of an XA datasource (the build
 * adds {@code java:jboss/datasources/TxDS}, H2's XA driver), and transacted deliveries to beans
 * that roll back, listening and consuming.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(TransactionsIT.Setup.class)
@RunAsClient
class TransactionsIT {

    private static final int LISTEN_PORT = freePort();

    private static TestBroker broker;
    private static Path records;
    private static Map<String, String> properties;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    /** The broker, the rar's default factory pointed at it, and the folder of the beans' records. */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.startOnFreePort(true);
            records = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tx-it-records")
                    .toAbsolutePath();
            properties = Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(broker.port()),
                    "amqp.sendTimeout", "10000", "amqp.initialReconnectDelay", "50", "amqp.maxReconnectDelay", "500",
                    "tx.it.port", String.valueOf(broker.port()), Records.FOLDER, records.toString());
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
        Map<String, String> consume = new LinkedHashMap<>();
        consume.put("mode", "connect");
        consume.put("host", "127.0.0.1");
        consume.put("port", "${tx.it.port}");
        consume.put("address", "tx.consume");
        consume.put("initialReconnectDelay", "50");
        Map<String, String> forward = new LinkedHashMap<>(consume);
        forward.put("address", "tx.forward.in");
        forward.put("transacted", "true");
        return Deployments.app("tx-app.war", TxSender.class, TxServlet.class, Records.class,
                        RollbackListener.class, RollbackConsumer.class, ForwardingConsumer.class)
                .addAsWebInfResource(new StringAsset(Deployments.mdbBindings(List.of(
                        new Deployments.Mdb("RollbackListener", Map.of("host", "127.0.0.1",
                                "port", String.valueOf(LISTEN_PORT), "saslMechanisms", "ANONYMOUS")),
                        new Deployments.Mdb("RollbackConsumer", consume),
                        new Deployments.Mdb("ForwardingConsumer", forward)))), "jboss-ejb3.xml");
    }

    // ---------------------------------------------------------------- outbound

    @Test
    void aBeanThatCommitsPublishesAllItsHundredMessages() throws Exception {
        assertEquals("OK", Http.get(app, "tx/send?address=tx.commit&count=100"));
        assertEquals(100, broker.awaitMessageCount("tx.commit", 100));
    }

    @Test
    void aBeanThatThrowsPublishesNoneOfItsHundredMessages() throws Exception {
        String answer = Http.get(app, "tx/send?address=tx.rollback&count=100&fail=true");
        assertTrue(answer.startsWith("ROLLED BACK") && answer.contains("rolled back on purpose"), answer);
        // One committed message after them: the queue then holds exactly that one.
        assertEquals("OK", Http.get(app, "tx/send?address=tx.rollback&count=1"));
        assertEquals(1, broker.awaitMessageCount("tx.rollback", 1));
        assertEquals(List.of("tx 0"), take("tx.rollback", 1));
    }

    @Test
    void aRowAndAMessageCommitTogetherOrNotAtAll() throws Exception {
        assertEquals("OK", Http.get(app, "tx/row?key=both-1&address=tx.rows"));
        String answer = Http.get(app, "tx/row?key=neither-2&address=tx.rows&fail=true");
        assertTrue(answer.startsWith("ROLLED BACK"), answer);
        assertEquals("OK", Http.get(app, "tx/row?key=both-3&address=tx.rows"));

        assertEquals("1", Http.get(app, "tx/rows?key=both-1"));
        assertEquals("0", Http.get(app, "tx/rows?key=neither-2"));
        assertEquals("1", Http.get(app, "tx/rows?key=both-3"));
        assertEquals(2, broker.awaitMessageCount("tx.rows", 2));
        assertEquals(List.of("both-1", "both-3"), take("tx.rows", 2));
    }

    @Test
    void aBrokerLostBeforeCommitLeavesNeitherTheRowNorTheMessage() throws Exception {
        Path gate = records.resolve("gate-open");
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(app, "tx/row?key=lost-1&address=tx.lost&gate=" + gate);
            } catch (Exception e) {
                return "IO " + e;
            }
        });
        Await.until("the bean to have sent", Duration.ofSeconds(30), () -> lines("gate").contains("sent:lost-1"));
        broker.stop();
        try {
            Files.createFile(gate);
            String answer = call.get(60, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("ROLLED BACK"), answer);
        } finally {
            broker.restart();
        }
        assertEquals("0", Http.get(app, "tx/rows?key=lost-1"));
        assertEquals(0, broker.messageCount("tx.lost"), broker.describe("tx.lost"));

        // The pooled connection comes back with the broker, and the next transaction commits.
        Await.until("a transaction to commit after the restart", Duration.ofSeconds(30),
                () -> call("tx/row?key=lost-2&address=tx.lost").equals("OK"));
        assertEquals("1", Http.get(app, "tx/rows?key=lost-2"));
        assertEquals(List.of("lost-2"), take("tx.lost", 1));
    }

    // ---------------------------------------------------------------- inbound

    @Test
    void aListeningBeanThatRollsBackNeverGetsItsMessageAccepted() throws Exception {
        String rolledBack = Node.run("send.js", "127.0.0.1", LISTEN_PORT, "tx.listen", 3, "rollback");
        // Modified with delivery-failed: the peer gets it back and may count the attempt.
        assertEquals("{\"outcomes\":{\"accepted\":0,\"rejected\":0,\"released\":0,\"modified\":3},\"errors\":[]}",
                rolledBack);

        String committed = Node.run("send.js", "127.0.0.1", LISTEN_PORT, "tx.listen", 3, "commit");
        assertEquals("{\"outcomes\":{\"accepted\":3,\"rejected\":0,\"released\":0,\"modified\":0},\"errors\":[]}",
                committed);
        assertEquals(6, lines("tx.listen").size(), "the bean saw each message once: " + lines("tx.listen"));
    }

    @Test
    void aConsumingBeanThatRollsBackGetsTheMessageAgain() throws Exception {
        List<String> bodies = IntStream.range(0, 5).mapToObj(i -> "once-" + i).toList();
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSProducer producer = jms.createProducer();
            for (String body : bodies) {
                producer.send(jms.createQueue("tx.consume"), body);
            }
        }
        Await.until(() -> "each message processed after its rollback: " + lines("tx.consume"), Duration.ofSeconds(30),
                () -> lines("tx.consume").stream().filter(l -> l.endsWith("@1")).count() == bodies.size());
        for (String body : bodies) {
            assertTrue(lines("tx.consume").contains("rolledback:" + body + "@0"), body);
            assertTrue(lines("tx.consume").contains(body + "@1"), body);
        }
        assertEquals(0, broker.awaitMessageCount("tx.consume", 0), broker.describe("tx.consume"));
    }

    @Test
    void aConsumedMessageAndWhatItsBeanSentCommitTogetherInOneAmqpTransaction() throws Exception {
        List<String> bodies = List.of("ok-1", "fail-2", "ok-3", "fail-4", "ok-5");
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSProducer producer = jms.createProducer();
            for (String body : bodies) {
                producer.send(jms.createQueue("tx.forward.in"), body);
            }
        }
        Await.until(() -> "every message consumed: " + lines("tx.forward.in") + ", "
                        + broker.describe("tx.forward.in"), Duration.ofSeconds(30),
                () -> broker.messageCount("tx.forward.in") == 0 && lines("tx.forward.in").size() == 7);
        assertTrue(lines("tx.forward.in").containsAll(List.of("fail-2@0", "fail-2@1", "fail-4@0", "fail-4@1")),
                "the rolled-back ones came again: " + lines("tx.forward.in"));
        // Exactly one forward per message: the sends of the rolled-back deliveries were discarded.
        assertEquals(bodies.size(), broker.awaitMessageCount("tx.forward.out", bodies.size()));
        assertEquals(bodies.stream().map(b -> "fwd:" + b).sorted().toList(),
                take("tx.forward.out", bodies.size()).stream().sorted().toList());
    }

    // ---------------------------------------------------------------- helpers

    private String call(String path) {
        try {
            return Http.get(app, path);
        } catch (Exception e) {
            return "IO " + e;
        }
    }

    /** Takes the {@code count} messages waiting on a queue; their text bodies, in order. */
    private static List<String> take(String queue, int count) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext();
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue))) {
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(10_000);
                bodies.add(m == null ? null : m.getBody(String.class));
            }
        }
        assertEquals(0, broker.awaitMessageCount(queue, 0), broker.describe(queue));
        return bodies;
    }

    private static List<String> lines(String file) {
        return RecordLines.of(records.resolve(file + ".txt"));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
