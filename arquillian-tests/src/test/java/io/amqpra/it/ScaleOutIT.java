package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.it.app.Records;
import io.amqpra.it.app.ScaleOutBean;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale-out through the broker: two WildFly servers run the same application, whose
 * {@link ScaleOutBean} consumes from one queue on an embedded Artemis ({@code mode=connect}).
 * Nothing of ours coordinates them; the broker shares the messages out between their links. The
 * second server, which the test starts itself ({@link SecondServer}), is killed with SIGKILL
 * mid-stream, and the first must then get every message the dead one had not settled: each
 * message sent is processed by one server or the other, and the broker holds nothing at the end.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ScaleOutIT.Setup.class)
@RunAsClient
class ScaleOutIT {

    private static final String QUEUE = "scale.out";
    private static final int TOTAL = 2_000;
    /** Messages the second server has processed when it is killed: well into the stream. */
    private static final int KILL_AFTER = 200;
    private static final int WORK_MILLIS = 10;
    private static final String PORT = "scale.it.port";
    private static final Pattern CONSUMERS = Pattern.compile("consumers=(\\d+)");

    private static TestBroker broker;
    private static Path records;
    private static SecondServer second;
    private static Map<String, String> properties;

    /**
     * The broker, the folder of both servers' records, the second server's copy of the first one's
     * configuration (taken before the first gets its own system properties), and those properties.
     */
    public static class Setup implements ServerSetupTask {
        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            broker = TestBroker.start();
            records = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "scale-out-it-records")
                    .toAbsolutePath();
            second = SecondServer.copyOfFirst("scale-b");
            properties = serverProperties("a");
            SystemProperties.set(client, properties);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            // The second server first, whatever else fails: it must not outlive the test.
            try {
                second.close();
            } finally {
                SystemProperties.remove(client, properties.keySet());
                broker.close();
            }
        }
    }

    /** What each server is told: where the broker is, where to record, and its own name. */
    private static Map<String, String> serverProperties(String server) {
        return Map.of(PORT, String.valueOf(broker.port()), Records.FOLDER, records.toString(),
                ScaleOutBean.SERVER, server);
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        // Two beans at a time, so that each server is busy for a while with its share.
        Map<String, String> config = Map.of("mode", "connect", "host", "127.0.0.1", "port", "${" + PORT + "}",
                "address", QUEUE, "maxConcurrency", "2", "connectTimeout", "2000",
                "initialReconnectDelay", "50", "maxReconnectDelay", "500");
        return Deployments.app("scale-out.war", ScaleOutBean.class, Records.class).addAsWebInfResource(new StringAsset(
                Deployments.mdbBindings(List.of(new Deployments.Mdb("ScaleOutBean", config)))), "jboss-ejb3.xml");
    }

    @Test
    void twoServersShareAQueueAndWhatAKilledOneHadNotSettledGoesToTheOther() throws Exception {
        try {
            startSecondServer();
            long start = System.nanoTime();
            send(ids());
            Await.until(() -> "both servers to process, the second at least " + KILL_AFTER + ": a=" + processed("a").size()
                    + " b=" + processed("b").size() + " " + broker.describe(QUEUE), Duration.ofMinutes(2),
                    () -> !processed("a").isEmpty() && processed("b").size() >= KILL_AFTER);
            AtKill atKill = killSecond();
            long killed = System.nanoTime();
            awaitTheRest(atKill.byDead());
            long done = System.nanoTime();
            List<Processed> bySurvivor = processed("a");
            Set<String> twice = twice(bySurvivor, atKill.byDead());
            report("sent=" + TOTAL + " processedBeforeKill: a=" + atKill.byFirst().size() + " b="
                    + atKill.byDead().size() + " inBeansOfBAtKill=" + atKill.inFlight().size()
                    + " deliveringOnBrokerAtKill=" + atKill.delivering() + " processedByA=" + bySurvivor.size()
                    + " aGotWithDeliveryCount>0=" + bySurvivor.stream().filter(p -> p.deliveryCount() > 0).count()
                    + " processedTwice=" + twice.size() + " startToKillMillis=" + millis(start, killed)
                    + " killToAllProcessedMillis=" + millis(killed, done));
            assertSharedThenTakenOver(atKill, bySurvivor, twice);
        } finally {
            second.close();
        }
    }

    /**
     * Waits until every message was processed by one server or the other, or (when some are lost)
     * until the broker holds none of them any more: the first server's beans then get the little
     * time they need to finish the last ones, which the broker stopped counting as they were settled.
     */
    private static void awaitTheRest(List<Processed> byDead) {
        BooleanSupplier all = () -> idsOf(processed("a"), byDead).size() >= TOTAL;
        Await.until(() -> "every message processed by one server or the other: " + idsOf(processed("a"), byDead)
                .size() + " of " + TOTAL + ", " + broker.describe(QUEUE), Duration.ofMinutes(3),
                () -> all.getAsBoolean() || broker.messageCount(QUEUE) == 0);
        Await.within(Duration.ofSeconds(10), all);
    }

    /**
     * What the servers had done when the second was killed: what each had processed, and what was
     * in the dead one's beans (given to it, never finished, so never settled).
     */
    private record AtKill(List<Processed> byFirst, List<Processed> byDead, Set<String> inFlight, long delivering) {
    }

    private static AtKill killSecond() throws InterruptedException {
        List<Processed> byFirst = processed("a");
        long delivering = broker.deliveringCount(QUEUE);
        second.kill();
        // All it ever will: it is dead.
        List<Processed> byDead = processed("b");
        Set<String> inFlight = new HashSet<>(RecordLines.of(records.resolve("b-started.txt")));
        byDead.forEach(p -> inFlight.remove(p.id()));
        return new AtKill(byFirst, byDead, inFlight, delivering);
    }

    private static void assertSharedThenTakenOver(AtKill atKill, List<Processed> bySurvivor, Set<String> twice) {
        assertTrue(idsOf(atKill.byFirst(), atKill.byDead()).size() < TOTAL, "the kill came after the end of the stream");
        assertTrue(atKill.byFirst().size() > 0 && atKill.byDead().size() >= KILL_AFTER, "the load was not shared");
        Set<String> processed = idsOf(bySurvivor, atKill.byDead());
        assertEquals(List.of(), ids().stream().filter(id -> !processed.contains(id)).toList(), "lost");
        assertEquals(TOTAL, processed.size(), "processed, counting each message once");
        assertEquals(0, broker.awaitMessageCount(QUEUE, 0), "left on the queue: " + broker.describe(QUEUE));
        Await.until(() -> "nothing acquired: " + broker.describe(QUEUE), Duration.ofSeconds(10),
                () -> broker.deliveringCount(QUEUE) == 0);
        assertTrue(!atKill.inFlight().isEmpty(), "the second server had no message in its beans when killed");
        Set<String> survivor = idsOf(bySurvivor, List.of());
        assertTrue(survivor.containsAll(atKill.inFlight()), "what the dead server's beans had did not reach the other");
        assertTrue(idsOf(atKill.byDead(), List.of()).containsAll(twice),
                "processed twice though the second server never processed it: " + twice);
    }

    /** Starts the second server with the rar and the application, until its bean consumes too. */
    private static void startSecondServer() throws Exception {
        second.deployAtBoot(Deployments.rar());
        second.deployAtBoot(app());
        second.start(serverProperties("b"));
        Await.until(() -> "the second server's bean to consume (AMQPRA0103), alive=" + second.isAlive()
                + ", its log ends:\n" + tail(second.log()), Duration.ofMinutes(3),
                () -> !second.isAlive() || second.log().contains("consumes from '" + QUEUE + "'"));
        assertTrue(second.isAlive(), () -> "the second server died at boot:\n" + tail(second.log()));
        Await.until(() -> "a consumer from each server: " + broker.describe(QUEUE), Duration.ofSeconds(60),
                () -> consumers() == 2);
    }

    /** One message the bean processed: its body and the delivery count it came with. */
    private record Processed(String id, long deliveryCount) {
        static Processed of(String line) {
            int at = line.lastIndexOf('@');
            return new Processed(line.substring(0, at), Long.parseLong(line.substring(at + 1)));
        }
    }

    /** What the bean of a server recorded, complete lines only. */
    private static List<Processed> processed(String server) {
        return RecordLines.of(records.resolve(server + ".txt")).stream().map(Processed::of).toList();
    }

    private static Set<String> idsOf(List<Processed> first, List<Processed> second) {
        Set<String> ids = new HashSet<>();
        first.forEach(p -> ids.add(p.id()));
        second.forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** Ids that the two servers together processed more than once. */
    private static Set<String> twice(List<Processed> first, List<Processed> second) {
        Map<String, Long> counts = Stream.concat(first.stream(), second.stream())
                .collect(Collectors.groupingBy(Processed::id, Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static int consumers() {
        Matcher m = CONSUMERS.matcher(broker.describe(QUEUE));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Sends each id as a durable text message, each taking the bean {@value #WORK_MILLIS} ms. */
    private static void send(List<String> bodies) {
        try (JMSContext jms = new JmsConnectionFactory(broker.uri()).createContext()) {
            JMSProducer producer = jms.createProducer().setProperty("workMillis", WORK_MILLIS);
            Destination queue = jms.createQueue(QUEUE);
            bodies.forEach(body -> producer.send(queue, body));
        }
    }

    private static List<String> ids() {
        return IntStream.range(0, TOTAL).mapToObj(i -> "m-" + i).toList();
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4_000));
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static void report(String counts) {
        System.out.println("ScaleOutIT: " + counts);
    }
}
