package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.ConsumingBean;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
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
 * Message-driven beans in WildFly that consume from an embedded Artemis ({@code mode=connect}),
 * fed by Qpid JMS. Each case deploys its own application, pointed at its broker through server
 * system properties that its {@code jboss-ejb3.xml} reads as {@code ${...}} expressions, and
 * counts what the bean processed (see {@link ConsumingBean}) and what is left on the broker.
 *
 * <p>{@code jboss-ejb3.xml}, because with WildFly's default configuration only the {@code jboss-*}
 * descriptors have their expressions resolved: the same {@code ${...}} as the value of an
 * {@code @ActivationConfigProperty}, or in {@code ejb-jar.xml} ({@code spec-descriptor-property-replacement}
 * is false), reaches no setter, and the bean silently consumes from the default port 5672.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ConsumerIT.Setup.class)
@RunAsClient
class ConsumerIT {

    /** The restarted bean's linkCredit: the most messages a kill can leave processed but unsettled. */
    private static final int RESTART_CREDIT = 40;

    private static TestBroker broker;
    private static TestBroker restartable;
    private static TestBroker primary;
    private static TestBroker backup;
    private static int latePort;
    private static Path records;
    private static Map<String, String> properties;

    @ArquillianResource
    private Deployer deployer;

    /**
     * A broker for most cases, a persistent one to restart, a port where no broker listens yet,
     * two independent brokers for failover, and the folder of the beans' records: all given to the
     * server as system properties. The rar's connection factory ({@code amqp.host}, {@code amqp.port})
     * points at the first broker.
     */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.start();
            restartable = TestBroker.startOnFreePort(true);
            latePort = freePort();
            primary = TestBroker.start();
            backup = TestBroker.start();
            // Under target: the server writes there, the test reads, and it stays for a look afterwards.
            records = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "consumer-it-records")
                    .toAbsolutePath();
            properties = Map.of("amqp.host", "127.0.0.1", "amqp.port", String.valueOf(broker.port()),
                    "consumer.it.port", String.valueOf(broker.port()),
                    "consumer.it.restartPort", String.valueOf(restartable.port()),
                    "consumer.it.latePort", String.valueOf(latePort),
                    "consumer.it.primaryPort", String.valueOf(primary.port()),
                    "consumer.it.failoverHosts", "127.0.0.1:" + backup.port(),
                    ConsumingBean.RECORDS, records.toString());
            SystemProperties.set(client, properties);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            SystemProperties.remove(client, properties.keySet());
            broker.close();
            restartable.close();
            primary.close();
            backup.close();
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "bulk", managed = false, testable = false)
    static WebArchive bulk() {
        return consumer("bulk.war", "consumer.it.port", "consumer.bulk");
    }

    @Deployment(name = "poison", managed = false, testable = false)
    static WebArchive poison() {
        return consumer("poison.war", "consumer.it.port", "consumer.poison", "maxRedeliveries", "3");
    }

    @Deployment(name = "late", managed = false, testable = false)
    static WebArchive late() {
        return consumer("late.war", "consumer.it.latePort", "consumer.late");
    }

    @Deployment(name = "restarts", managed = false, testable = false)
    static WebArchive restarts() {
        return consumer("restarts.war", "consumer.it.restartPort", "consumer.restarts", "maxConcurrency", "4",
                "linkCredit", String.valueOf(RESTART_CREDIT));
    }

    /** A bean with no connection properties of its own: it names the rar's connection factory. */
    @Deployment(name = "byFactory", managed = false, testable = false)
    static WebArchive byFactory() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mode", "connect");
        config.put("connectionFactoryLookup", "java:/amqp/ConnectionFactory");
        config.put("address", "consumer.byFactory");
        return app("byFactory.war", config);
    }

    @Deployment(name = "selector", managed = false, testable = false)
    static WebArchive selector() {
        return consumer("selector.war", "consumer.it.port", "consumer.selector", "filter", "color = 'red'");
    }

    @Deployment(name = "subscriber", managed = false, testable = false)
    static WebArchive subscriber() {
        return consumer("subscriber.war", "consumer.it.port", "consumer.news", "addressType", "topic",
                "subscriptionName", "it-news", "subscriptionDurability", "durable");
    }

    @Deployment(name = "draining", managed = false, testable = false)
    static WebArchive draining() {
        return consumer("draining.war", "consumer.it.port", "consumer.draining", "maxConcurrency", "4");
    }

    @Deployment(name = "failover", managed = false, testable = false)
    static WebArchive failover() {
        return consumer("failover.war", "consumer.it.primaryPort", "consumer.failover",
                "failoverHosts", "${consumer.it.failoverHosts}");
    }

    /**
     * An application with one {@link ConsumingBean} on {@code address}, its port the server system
     * property {@code portProperty}, plus more activation config properties in pairs.
     */
    private static WebArchive consumer(String war, String portProperty, String address, String... more) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mode", "connect");
        config.put("host", "127.0.0.1");
        config.put("port", "${" + portProperty + "}");
        config.put("address", address);
        config.put("connectTimeout", "2000");
        config.put("initialReconnectDelay", "50");
        config.put("maxReconnectDelay", "500");
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return app(war, config);
    }

    /** An application with one {@link ConsumingBean} and these activation config properties. */
    private static WebArchive app(String war, Map<String, String> config) {
        return Deployments.app(war, ConsumingBean.class).addAsWebInfResource(new StringAsset(
                Deployments.mdbBindings(List.of(new Deployments.Mdb("ConsumingBean", config)))), "jboss-ejb3.xml");
    }

    // ---------------------------------------------------------------- the cases

    @Test
    void tenThousandMessagesAreAllProcessedAndTheQueueEndsEmpty() throws Exception {
        int total = 10_000;
        deployer.deploy("bulk");
        try {
            long start = System.nanoTime();
            send(broker, "consumer.bulk", ids("bulk-", total), Map.of());
            long sent = System.nanoTime();
            Await.until("the bean to process all " + total, Duration.ofMinutes(2),
                    () -> distinct("consumer.bulk").size() >= total);
            long processed = System.nanoTime();
            assertEquals(Set.copyOf(ids("bulk-", total)), distinct("consumer.bulk"), "every id, and only those");
            assertEquals(0, broker.awaitMessageCount("consumer.bulk", 0), "left on the queue");
            report("bulk", "sent=" + total + " processed(lines)=" + lines("consumer.bulk").size()
                    + " distinct=" + distinct("consumer.bulk").size() + " sendMillis=" + millis(start, sent)
                    + " allProcessedMillis=" + millis(start, processed));
        } finally {
            deployer.undeploy("bulk");
        }
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAfterMaxRedeliveries() throws Exception {
        long deadBefore = broker.messageCount(TestBroker.DEAD_LETTERS);
        deployer.deploy("poison");
        try {
            List<String> bodies = new ArrayList<>(ids("ok-", 10));
            bodies.add("poison");
            bodies.addAll(ids("ok-", 20).subList(10, 20));
            send(broker, "consumer.poison", bodies, Map.of());
            Await.until("the poison message in the DLQ", Duration.ofSeconds(60),
                    () -> broker.messageCount(TestBroker.DEAD_LETTERS) > deadBefore);
            assertEquals(deadBefore + 1, broker.awaitMessageCount(TestBroker.DEAD_LETTERS, deadBefore + 1), "DLQ");
            assertEquals(0, broker.awaitMessageCount("consumer.poison", 0), "left on the queue");
            Await.until("the 20 good ones", Duration.ofSeconds(30), () -> distinct("consumer.poison").size() >= 23);
            List<String> attempts = lines("consumer.poison").stream().filter(l -> l.startsWith("poison@")).toList();
            assertEquals(List.of("poison@0", "poison@1", "poison@2"), attempts.stream().sorted().toList(),
                    "the bean got it at delivery counts 0, 1 and 2, then never again");
            assertEquals(Set.copyOf(ids("ok-", 20)), distinct("consumer.poison").stream()
                    .filter(l -> l.startsWith("ok-")).collect(Collectors.toSet()));
            String log = serverLog();
            assertTrue(log.contains("AMQPRA0100") && log.contains("from 'consumer.poison' reached delivery count 3"),
                    "AMQPRA0100 not logged");
            report("poison", "dlq=" + (broker.messageCount(TestBroker.DEAD_LETTERS) - deadBefore) + " queue="
                    + broker.messageCount("consumer.poison") + " attempts=" + attempts);
        } finally {
            deployer.undeploy("poison");
        }
    }

    @Test
    void aBeanDeployedWhileItsBrokerIsDownConsumesOnceTheBrokerComesUp() throws Exception {
        int total = 500;
        TestBroker late = null;
        deployer.deploy("late"); // must not fail: nothing listens on latePort
        try {
            Await.until("the bean to say it cannot connect yet (AMQPRA0102)", Duration.ofSeconds(30),
                    () -> serverLog().contains("cannot consume from 'consumer.late' yet"));
            assertTrue(lines("consumer.late").isEmpty());
            late = TestBroker.start(latePort, false);
            long up = System.nanoTime();
            send(late, "consumer.late", ids("late-", total), Map.of());
            Await.until("the bean to process all " + total, Duration.ofSeconds(60),
                    () -> distinct("consumer.late").size() >= total);
            long done = System.nanoTime();
            assertEquals(Set.copyOf(ids("late-", total)), distinct("consumer.late"));
            assertEquals(0, late.awaitMessageCount("consumer.late", 0), "left on the queue");
            assertTrue(serverLog().contains("consumes from 'consumer.late'"), "AMQPRA0103 not logged");
            report("late", "processed=" + distinct("consumer.late").size() + " brokerUpToAllProcessedMillis="
                    + millis(up, done));
        } finally {
            deployer.undeploy("late");
            if (late != null) {
                late.close();
            }
        }
    }

    /**
     * The broker is killed and restarted ten times while the bean consumes 10,000 messages. Killed:
     * its connections drop first, then it stops ({@link TestBroker#kill()}; a plain stop with busy
     * consumers can deadlock inside Artemis). Every message is processed, none is left, and only
     * those in flight at a kill are processed again: at most {@code linkCredit} a kill.
     */
    @Test
    void noMessageIsLostWhileTheBrokerIsKilledAndRestartedTenTimesDuringConsumption() throws Exception {
        int total = 10_000;
        int restarts = 10;
        send(restartable, "consumer.restarts", ids("r-", total), Map.of("workMillis", 5));
        deployer.deploy("restarts");
        try {
            long start = System.nanoTime();
            List<Integer> processedAtRestart = new ArrayList<>();
            List<Long> downMillis = new ArrayList<>();
            for (int round = 0; round < restarts; round++) {
                int before = distinct("consumer.restarts").size();
                Await.until("progress before restart " + round, Duration.ofSeconds(60),
                        () -> distinct("consumer.restarts").size() >= before + 100);
                processedAtRestart.add(distinct("consumer.restarts").size());
                long down = System.nanoTime();
                restartable.kill();
                restartable.restart();
                downMillis.add(millis(down, System.nanoTime()));
            }
            Await.until("the bean to process all " + total, Duration.ofMinutes(2),
                    () -> distinct("consumer.restarts").size() >= total);
            long done = System.nanoTime();
            assertEquals(Set.copyOf(ids("r-", total)), distinct("consumer.restarts"), "every id, and only those");
            assertEquals(0, restartable.awaitMessageCount("consumer.restarts", 0), "left on the queue");
            assertTrue(processedAtRestart.stream().allMatch(n -> n < total),
                    "a restart came after consumption ended: " + processedAtRestart);
            int repeats = lines("consumer.restarts").size() - total;
            report("restarts", "restarts=" + restarts + " processedAtRestart=" + processedAtRestart
                    + " brokerDownMillis=" + downMillis + " processed(lines)=" + lines("consumer.restarts").size()
                    + " distinct=" + distinct("consumer.restarts").size() + " repeats=" + repeats
                    + " totalMillis=" + millis(start, done));
            assertTrue(repeats <= restarts * RESTART_CREDIT, repeats + " processed again after " + restarts
                    + " kills: more than the " + RESTART_CREDIT + " (linkCredit) each can leave unsettled");
        } finally {
            deployer.undeploy("restarts");
        }
    }

    @Test
    void aBeanThatNamesTheRarsConnectionFactoryConsumesFromItsBroker() throws Exception {
        deployer.deploy("byFactory");
        try {
            send(broker, "consumer.byFactory", ids("f-", 200), Map.of());
            Await.until("the bean to process all 200", Duration.ofSeconds(60),
                    () -> distinct("consumer.byFactory").size() >= 200);
            assertEquals(Set.copyOf(ids("f-", 200)), distinct("consumer.byFactory"), "every id, and only those");
            assertEquals(0, broker.awaitMessageCount("consumer.byFactory", 0), "left on the queue");
            assertTrue(serverLog().contains("AMQPRA0191") && serverLog().contains(
                    "with the connection settings of the connection factory java:/amqp/ConnectionFactory"),
                    "AMQPRA0191 not logged");
        } finally {
            deployer.undeploy("byFactory");
        }
    }

    @Test
    void aSelectorLetsOnlyMatchingMessagesThrough() throws Exception {
        deployer.deploy("selector");
        try {
            // The others first: by the time the last red one is processed, the broker has passed them by.
            send(broker, "consumer.selector", ids("blue-", 100), Map.of("color", "blue"));
            send(broker, "consumer.selector", ids("red-", 100), Map.of("color", "red"));
            Await.until("the 100 red ones", Duration.ofSeconds(60), () -> distinct("consumer.selector").size() >= 100);
            assertEquals(100, broker.awaitMessageCount("consumer.selector", 100), "the blue ones stay on the queue");
            assertEquals(Set.copyOf(ids("red-", 100)), distinct("consumer.selector"), "only the red ones");
            assertEquals(0, broker.deliveringCount("consumer.selector"), "none of the blue ones acquired");
            report("selector", "processed=" + distinct("consumer.selector").size() + " leftOnQueue="
                    + broker.messageCount("consumer.selector"));
        } finally {
            deployer.undeploy("selector");
        }
    }

    @Test
    void aDurableSubscriptionKeepsWhatWasPublishedWhileItsApplicationWasUndeployed() throws Exception {
        int away = 200;
        deployer.deploy("subscriber");
        boolean deployed = true;
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSProducer producer = jms.createProducer();
            Destination topic = jms.createTopic("consumer.news");
            // A topic keeps nothing for a subscription that does not exist yet: publish until one arrives.
            int[] probes = {0};
            Await.until("the subscription to receive", Duration.ofSeconds(30), () -> {
                producer.send(topic, "probe-" + probes[0]++);
                return !lines("consumer.news").isEmpty();
            });
            deployer.undeploy("subscriber");
            deployed = false;
            int seenBefore = lines("consumer.news").size();
            for (String body : ids("away-", away)) {
                producer.send(topic, body);
            }
            // Artemis names the queue of a durable subscription <container id>.<subscription name>.
            String subscription = "amqp-ra-" + ConsumingBean.class.getName() + ".it-news";
            assertEquals(away, broker.awaitMessageCount(subscription, away), "kept by the broker while undeployed");
            assertEquals(seenBefore, lines("consumer.news").size(), "processed while undeployed");
            deployer.deploy("subscriber");
            deployed = true;
            long redeployed = System.nanoTime();
            Await.until("the " + away + " published while undeployed", Duration.ofSeconds(60),
                    () -> distinct("consumer.news").stream().filter(l -> l.startsWith("away-")).count() >= away);
            long done = System.nanoTime();
            assertEquals(Set.copyOf(ids("away-", away)), distinct("consumer.news").stream()
                    .filter(l -> l.startsWith("away-")).collect(Collectors.toSet()));
            assertEquals(0, broker.awaitMessageCount(subscription, 0), "left on the subscription");
            report("subscription", "probes=" + probes[0] + " processedBeforeUndeploy=" + seenBefore
                    + " publishedWhileUndeployed=" + away + " gotAfterRedeploy="
                    + distinct("consumer.news").stream().filter(l -> l.startsWith("away-")).count()
                    + " redeployToAllMillis=" + millis(redeployed, done));
        } finally {
            if (deployed) {
                deployer.undeploy("subscriber");
            }
        }
    }

    @Test
    void undeployingMidStreamLeavesNothingAcquiredAndLosesNothing() throws Exception {
        int total = 2_000;
        send(broker, "consumer.draining", ids("d-", total), Map.of("workMillis", 5));
        deployer.deploy("draining");
        boolean deployed = true;
        try {
            Await.until("some progress", Duration.ofSeconds(60), () -> lines("consumer.draining").size() >= 200);
            long undeploying = System.nanoTime();
            deployer.undeploy("draining");
            deployed = false;
            long undeployMillis = millis(undeploying, System.nanoTime());
            long deliveringAtUndeploy = broker.deliveringCount("consumer.draining");
            List<String> processed = lines("consumer.draining");
            long remaining = broker.awaitMessageCount("consumer.draining", total - processed.size());
            Await.until("no message acquired", Duration.ofSeconds(5),
                    () -> broker.deliveringCount("consumer.draining") == 0);
            report("undeploy", "sent=" + total + " processed=" + processed.size() + " distinct="
                    + new HashSet<>(processed).size() + " leftOnQueue=" + remaining + " deliveringWhenUndeployReturned=" + deliveringAtUndeploy
                    + " undeployMillis=" + undeployMillis);
            assertTrue(remaining > 0, "undeploy came after the end of the stream");
            assertEquals(processed.size(), new HashSet<>(processed).size(), "processed twice");
            assertEquals(total, processed.size() + remaining, "processed + left on the queue");

            deployer.deploy("draining");
            deployed = true;
            Await.until("the rest", Duration.ofSeconds(60), () -> distinct("consumer.draining").size() >= total);
            assertEquals(Set.copyOf(ids("d-", total)), distinct("consumer.draining"));
            assertEquals(0, broker.awaitMessageCount("consumer.draining", 0), "left on the queue");
            assertEquals(total, lines("consumer.draining").size(), "each processed exactly once over both deployments");
        } finally {
            if (deployed) {
                deployer.undeploy("draining");
            }
        }
    }

    @Test
    void twoBrokersTheActiveOneKilledTheBeanGoesOnFromTheOther() throws Exception {
        int half = 500;
        deployer.deploy("failover");
        try {
            long start = System.nanoTime();
            send(primary, "consumer.failover", ids("a-", half), Map.of());
            Await.until("the bean to process the " + half + " sent to the first broker", Duration.ofSeconds(60),
                    () -> distinct("consumer.failover").size() >= half);
            long firstHalf = System.nanoTime();
            assertEquals(0, primary.awaitMessageCount("consumer.failover", 0), "left on the first broker");
            int connectionsToBackup = backup.connectionCount();
            assertEquals(0, connectionsToBackup, "connections to the second broker before the first was killed");
            int primaryPort = primary.port(); // its acceptor is gone once it is stopped
            long killed = System.nanoTime();
            primary.killConnections();
            primary.stop();
            send(backup, "consumer.failover", ids("b-", half), Map.of());
            Await.until("the bean to process all " + 2 * half, Duration.ofSeconds(60),
                    () -> distinct("consumer.failover").size() >= 2 * half);
            long done = System.nanoTime();
            List<String> all = new ArrayList<>(ids("a-", half));
            all.addAll(ids("b-", half));
            assertEquals(Set.copyOf(all), distinct("consumer.failover"), "every id, and only those");
            assertEquals(0, backup.awaitMessageCount("consumer.failover", 0), "left on the second broker");
            assertTrue(serverLog().contains("(failed over from 127.0.0.1:" + primaryPort + ")"),
                    "AMQPRA0082 failover not logged");
            report("failover", "processed(lines)=" + lines("consumer.failover").size()
                    + " distinct=" + distinct("consumer.failover").size()
                    + " connectionsToSecondBeforeKill=" + connectionsToBackup
                    + " firstHalfMillis=" + millis(start, firstHalf)
                    + " killToAllProcessedMillis=" + millis(killed, done));
        } finally {
            deployer.undeploy("failover");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Sends each body as a durable text message to a queue, waiting for the broker to accept each. */
    private static void send(TestBroker to, String queue, List<String> bodies, Map<String, Object> props) {
        try (JMSContext jms = new JmsConnectionFactory(to.uri()).createContext()) {
            JMSProducer producer = jms.createProducer();
            props.forEach(producer::setProperty);
            Destination d = jms.createQueue(queue);
            for (String body : bodies) {
                producer.send(d, body);
            }
        }
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** The lines the bean recorded for an address, complete ones only. */
    private static List<String> lines(String address) {
        return RecordLines.of(records.resolve(address + ".txt"));
    }

    private static Set<String> distinct(String address) {
        return new HashSet<>(lines(address));
    }

    private static String serverLog() {
        try {
            return Files.readString(Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static void report(String what, String counts) {
        System.out.println("ConsumerIT " + what + ": " + counts);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
