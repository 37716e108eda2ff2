package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.impl.Await;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bean that consumes from an embedded ActiveMQ Artemis: it waits out a broker that is down at
 * deployment, loses nothing across ten broker restarts, and sends a poison message to the broker's
 * dead-letter queue. Counted on the broker.
 */
@Timeout(120)
class ConsumerBrokerTest {

    private static AmqpActivationSpec consumer(int port, String queue) {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setMode("connect");
        spec.setHost("127.0.0.1");
        spec.setPort(port);
        spec.setAddress(queue);
        spec.setConnectTimeout(2_000L);
        spec.setInitialReconnectDelay(20L);
        spec.setMaxReconnectDelay(200L);
        spec.setMaxConcurrency(4);
        return spec;
    }

    private static void send(int port, String queue, int count) throws Exception {
        sendAs(port, queue, count, "m");
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }

    @Test
    void aBeanDeployedWhileTheBrokerIsDownConsumesOnceItComesUp() throws Exception {
        int port = TestBroker.freePort();
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        try (TestContainer container = new TestContainer()) {
            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.messageId())),
                    consumer(port, "late-orders")); // the broker is not there: this must not fail
            try (TestBroker broker = TestBroker.start(port, false)) {
                send(port, "late-orders", 200);
                await(() -> seen.size() == 200, "the bean got all 200");
                assertEquals(0, broker.awaitMessageCount("late-orders", 0), "nothing left on the broker");
            }
        }
    }

    /**
     * Ten times, the broker is killed while the bean consumes and comes back: every message is
     * processed, none stays on the broker, and only what was in flight at a kill is processed
     * again, at most {@code linkCredit} messages a kill. (Artemis gives such a message back with
     * delivery count 0 when it closed the consumer first, so that count cannot tell them apart.)
     */
    @Test
    void tenBrokerKillsWhileConsumingLoseNothingAndRepeatOnlyWhatWasInFlight() throws Exception {
        int total = 3_000;
        int restarts = 10;
        int credit = 40;
        Queue<String> deliveries = new ConcurrentLinkedQueue<>(); // messageId@deliveryCount, one per bean call
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        try (TestBroker broker = TestBroker.startOnFreePort(true); TestContainer container = new TestContainer()) {
            send(broker.port(), "busy", total);
            AmqpActivationSpec spec = consumer(broker.port(), "busy");
            spec.setLinkCredit(credit);
            container.activate(new TestContainer.Endpoint((m, c) -> {
                // Stands for a bean's work, so that the kills land while messages are in flight.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                deliveries.add(m.messageId() + "@" + m.deliveryCount());
                seen.add(m.messageId());
            }), spec);
            for (int round = 1; round <= restarts; round++) {
                int before = seen.size();
                int restart = round;
                await(() -> seen.size() >= before + 100, () -> "the bean makes progress before kill " + restart
                        + " (" + seen.size() + " seen; " + broker.describe("busy") + ")");
                assertTrue(seen.size() < total, "kill " + restart + " came after the last message");
                broker.kill();
                broker.restart();
            }
            await(() -> seen.size() == total, () -> "the bean got every message at least once (" + seen.size()
                    + " seen; " + broker.describe("busy") + ")");
            assertEquals(0, broker.awaitMessageCount("busy", 0), "the broker holds none of them any more");
            int repeats = deliveries.size() - total;
            long unmarked = repeats - deliveries.stream().filter(d -> !d.endsWith("@0")).count();
            System.out.printf("ConsumerBrokerTest kills=%d processed=%d repeats=%d (with delivery count 0: %d)%n",
                    restarts, deliveries.size(), repeats, unmarked);
            assertTrue(repeats <= restarts * credit, repeats + " messages processed again after " + restarts
                    + " kills: more than the " + credit + " each kill can leave unsettled");
        }
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDeadLetterQueue() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (TestBroker broker = TestBroker.start(); TestContainer container = new TestContainer()) {
            AmqpActivationSpec spec = consumer(broker.port(), "fragile");
            spec.setMaxRedeliveries(3);
            container.activate(new TestContainer.Endpoint((m, c) -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("cannot process " + m.body());
            }), spec);
            send(broker.port(), "fragile", 1);
            assertEquals(1, broker.awaitMessageCount(TestBroker.DEAD_LETTERS, 1), "dead-lettered");
            assertEquals(0, broker.awaitMessageCount("fragile", 0));
            assertEquals(3, attempts.get(), "the bean saw it 3 times: delivery counts 0, 1 and 2");
        }
    }

    @Test
    void whenTheActiveBrokerDiesTheBeanGoesOnFromTheOther() throws Exception {
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        try (TestBroker active = TestBroker.start(); TestBroker standby = TestBroker.start();
             TestContainer container = new TestContainer()) {
            AmqpActivationSpec spec = consumer(active.port(), "orders");
            spec.setFailoverHosts("127.0.0.1:" + standby.port());
            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.messageId())), spec);
            send(active.port(), "orders", 100);
            await(() -> seen.size() == 100, "the bean got the active broker's 100");
            active.stop();
            sendAs(standby.port(), "orders", 100, "b");
            await(() -> seen.size() == 200, "the bean got the standby's 100 too");
            assertEquals(0, standby.awaitMessageCount("orders", 0));
        }
    }

    private static void sendAs(int port, String queue, int count, String prefix) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        try (AmqpConnection c = ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            for (int i = 0; i < count; i++) {
                c.send(queue, Message.builder().body(prefix + i).messageId(prefix + i).durable(true).build())
                        .requireAccepted();
            }
        }
    }
}
