package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.Await;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bean in connect mode against RabbitMQ, a broker this project did not write: Debian 12's
 * {@code rabbitmq-server} 3.10 with its {@code rabbitmq_amqp1_0} plugin.
 *
 * <p><b>Runs only when a RabbitMQ is given</b>, through system properties (Maven passes {@code -D}
 * options on to the tests): {@code rabbitmq.port} (required), {@code rabbitmq.host}
 * ({@code 127.0.0.1}), {@code rabbitmq.username} and {@code rabbitmq.password} ({@code guest}, which
 * RabbitMQ lets in from localhost only), and {@code rabbitmq.ctl}, a {@code rabbitmqctl} command
 * for that node, for the checks that need one. {@code .ci/run} installs and starts a RabbitMQ and
 * passes all of them. Without {@code rabbitmq.port}, as in a plain {@code mvn -B verify} on a
 * machine without RabbitMQ, every test here is reported as <b>skipped</b>, not passed.
 *
 * <p>What RabbitMQ 3.10 does, as tried here: {@code /queue/NAME} declares the queue on attach (not
 * durable), to send or to consume; {@code /amq/queue/NAME} does not: consuming from a missing
 * queue ends the session with {@code amqp:not-found}, and a message sent to one is accepted and
 * dropped. A bare {@code NAME} counts as {@code /queue/NAME}; {@code /exchange/amq.default/NAME} is
 * refused (no such exchange). A rejected message is
 * dead-lettered if a policy gives the queue a dead-letter exchange, and dropped otherwise; it
 * arrives in the dead-letter queue without an {@code x-death} annotation. RabbitMQ 3.10 knows no
 * {@code modified} outcome (its sources offer accepted, rejected and released): it ends the
 * session on one, so a bean with the default {@code onError=modify} that throws makes its
 * connection drop and the message come back, again and again. Nor does it count redeliveries in
 * the header's delivery count, so {@code maxRedeliveries} never applies. Beans on RabbitMQ 3.10
 * want {@code onError=reject}, as here.
 */
@Timeout(120)
class RabbitMqConsumerTest {

    private static String host;
    private static int port;
    private static String username;
    private static String password;
    private static String ctl = "";

    private final List<String> queues = new ArrayList<>();
    private final List<String> policies = new ArrayList<>();

    /** Per test rather than per class, so that Surefire counts each test as skipped. */
    @BeforeEach
    void aRabbitMqIsGiven() {
        String given = System.getProperty("rabbitmq.port", "");
        ctl = System.getProperty("rabbitmq.ctl", "");
        Assumptions.assumeFalse(given.isBlank(),
                "no RabbitMQ given (-Drabbitmq.port); .ci/run starts one when it can install it");
        port = Integer.parseInt(given.trim());
        host = System.getProperty("rabbitmq.host", "127.0.0.1");
        username = System.getProperty("rabbitmq.username", "guest");
        password = System.getProperty("rabbitmq.password", "guest");
    }

    /** Leaves the broker as it was, where a rabbitmqctl is given; best effort, as a test may have failed early. */
    @AfterEach
    void deleteWhatThisTestMade() {
        if (!ctl.isBlank()) {
            List<String[]> commands = new ArrayList<>();
            policies.forEach(policy -> commands.add(new String[] {"clear_policy", policy}));
            queues.forEach(queue -> commands.add(new String[] {"delete_queue", queue}));
            for (String[] command : commands) {
                try {
                    rabbitmqctl(command);
                } catch (Exception e) {
                    System.err.println("RabbitMqConsumerTest: cleaning up: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void aBeanConsumesEveryMessageOfARabbitMqQueue() throws Exception {
        int total = 500;
        String queue = queue("orders");
        send(queue, IntStream.range(0, total).mapToObj(i -> "m" + i).toList());
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        try (TestContainer container = new TestContainer()) {
            container.activate(new TestContainer.Endpoint((m, c) -> {
                calls.incrementAndGet();
                seen.add(m.messageId());
            }), consumer(queue));
            await(() -> seen.size() == total, "the bean got all " + total);
            assertEquals(IntStream.range(0, total).mapToObj(i -> "m" + i).collect(Collectors.toSet()), seen);
            awaitMessageCount(queue, 0);
        }
        assertEquals(total, calls.get(), "each message reached the bean once: none came back");
        assertNothingLeftIn(queue);
    }

    @Test
    void aMessageTheBeanRejectsIsDroppedWhenTheQueueHasNoDeadLetterExchange() throws Exception {
        String queue = queue("fragile");
        send(queue, List.of("ok-1", "fail", "ok-2"));
        List<Object> calls = new CopyOnWriteArrayList<>();
        try (TestContainer container = new TestContainer()) {
            container.activate(failingOn("fail", calls), consumer(queue));
            await(() -> calls.size() >= 3, "the bean saw all three");
            awaitMessageCount(queue, 0);
        }
        assertNothingLeftIn(queue);
        assertEquals(3, calls.size(), "rejected, 'fail' was not delivered again: " + calls);
    }

    @Test
    void aMessageTheBeanRejectsGoesToTheDeadLetterQueueThatAPolicyNames() throws Exception {
        Assumptions.assumeFalse(ctl.isBlank(), "needs -Drabbitmq.ctl to set a policy");
        String queue = queue("with-dlq");
        String deadLetters = queue + ".dlq";
        queues.add(deadLetters);
        String policy = queue + "-dlx";
        policies.add(policy);
        // Before the queue exists, so that it has the policy from its declaration on.
        rabbitmqctl("set_policy", policy, "^" + queue + "$",
                "{\"dead-letter-exchange\":\"\",\"dead-letter-routing-key\":\"" + deadLetters + "\"}",
                "--apply-to", "queues");
        List<Message> deadLettered = new CopyOnWriteArrayList<>();
        List<Object> calls = new CopyOnWriteArrayList<>();
        try (TestContainer container = new TestContainer()) {
            // A second bean on the dead-letter queue; its /queue/ address declares it on attach.
            container.activate(new TestContainer.Endpoint((m, c) -> deadLettered.add(m)),
                    consumer("/queue/" + deadLetters));
            await(() -> messageCounts().containsKey(deadLetters), "the dead-letter queue exists");
            send(queue, List.of("ok-1", "fail", "ok-2"));
            container.activate(failingOn("fail", calls), consumer(queue));
            await(() -> deadLettered.size() == 1, "the rejected message reached the dead-letter queue");
            await(() -> calls.size() >= 3, "the bean saw all three");
            awaitMessageCount(queue, 0);
            awaitMessageCount(deadLetters, 0);
        }
        Message dead = deadLettered.get(0);
        assertEquals("fail", dead.messageId());
        assertEquals("fail", dead.bodyAsString());
        assertEquals(3, calls.size(), "rejected, 'fail' was not delivered again: " + calls);
    }

    // ---------------------------------------------------------------- helpers

    /** A fresh queue name; the messages go to {@code /queue/NAME}, which declares it. */
    private String queue(String what) {
        String name = "amqp-ra-test-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
        queues.add(name);
        return name;
    }

    /** A consumer of an existing queue, RabbitMQ's {@code /amq/queue/NAME}, rejecting what fails. */
    private static AmqpActivationSpec consumer(String queue) {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setMode("connect");
        spec.setHost(host);
        spec.setPort(port);
        spec.setUsername(username);
        spec.setPassword(password);
        spec.setAddress(queue.startsWith("/") ? queue : "/amq/queue/" + queue);
        spec.setOnError("reject");
        spec.setConnectTimeout(5_000L);
        spec.setInitialReconnectDelay(20L);
        spec.setMaxReconnectDelay(200L);
        spec.setMaxConcurrency(4);
        return spec;
    }

    private static TestContainer.Endpoint failingOn(String body, List<Object> calls) {
        return new TestContainer.Endpoint((m, c) -> {
            calls.add(m.messageId());
            if (body.equals(m.bodyAsString())) {
                throw new IllegalStateException("cannot process " + m.messageId());
            }
        });
    }

    private static AmqpConnectionFactory factory() throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost(host);
        mcf.setPort(port);
        mcf.setUsername(username);
        mcf.setPassword(password);
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    /** Sends each body, with itself as message id, to {@code /queue/NAME}: RabbitMQ declares the queue. */
    private static void send(String queue, List<String> bodies) throws Exception {
        try (AmqpConnection c = factory().getConnection()) {
            for (String body : bodies) {
                c.send("/queue/" + queue, Message.builder().body(body).messageId(body).durable(true).build())
                        .requireAccepted();
            }
        }
    }

    /** A short receive finds nothing: the broker holds no message of the queue, acquired or not. */
    private static void assertNothingLeftIn(String queue) throws Exception {
        try (AmqpConnection c = factory().getConnection()) {
            Optional<ReceivedMessage> left = c.receive("/amq/queue/" + queue, Duration.ofSeconds(1));
            assertTrue(left.isEmpty(), () -> "left in " + queue + ": " + left.get().message());
        }
    }

    /** Polls the broker's count (ready and unacknowledged) where a rabbitmqctl is given. */
    private static void awaitMessageCount(String queue, int expected) throws Exception {
        if (!ctl.isBlank()) {
            await(() -> Integer.valueOf(expected).equals(messageCounts().get(queue)),
                    "rabbitmqctl says " + queue + " holds " + expected);
        }
    }

    /** {@code rabbitmqctl list_queues name messages}, as queue name to message count. */
    private static Map<String, Integer> messageCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            for (String line : rabbitmqctl("list_queues", "name", "messages").split("\n")) {
                String[] fields = line.trim().split("\t");
                if (fields.length == 2 && fields[1].matches("\\d+")) {
                    counts.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ctl.trim().split("\\s+")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }
}
