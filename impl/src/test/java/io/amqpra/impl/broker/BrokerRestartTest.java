package io.amqpra.impl.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker stopped and started again and again while an application sends: every message the
 * application saw accepted is on the broker afterwards, and each time the connection recovers.
 */
@Timeout(300)
class BrokerRestartTest {

    private static final int RESTARTS = 20;

    @Test
    void noAcceptedMessageIsLostAcrossTwentyRestarts() throws Exception {
        TestBroker broker = TestBroker.startOnFreePort(true);
        int port = broker.port();
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        mcf.setInitialReconnectDelay(50L);
        mcf.setMaxReconnectDelay(400L);
        mcf.setSendTimeout(20_000L);
        AmqpConnectionFactory factory = (AmqpConnectionFactory) mcf.createConnectionFactory();

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAcceptedAt = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            try (AmqpConnection c = factory.getConnection()) {
                for (int i = 0; running.get(); i++) {
                    String id = "m-" + i;
                    try {
                        Outcome outcome = c.send("restarts", Message.builder().body(id).messageId(id).durable(true).build());
                        if (outcome.isAccepted()) {
                            accepted.add(id);
                            lastAcceptedAt.set(System.nanoTime());
                        }
                    } catch (AmqpException e) {
                        failed.incrementAndGet();
                    }
                }
            } catch (AmqpException e) {
                throw new IllegalStateException(e);
            }
        }, "restart-test-sender");
        sender.start();

        List<Long> recoveryMillis = new ArrayList<>();
        try {
            for (int round = 0; round < RESTARTS; round++) {
                awaitProgress(accepted, 20);
                broker.stop();
                broker.restart();
                long restartedAt = System.nanoTime();
                awaitAcceptedAfter(lastAcceptedAt, restartedAt);
                recoveryMillis.add(TimeUnit.NANOSECONDS.toMillis(lastAcceptedAt.get() - restartedAt));
            }
        } finally {
            running.set(false);
            sender.join(30_000);
        }

        // Count with a receiver of our own on a fresh connection: every accepted id must be there.
        Set<String> onBroker = new HashSet<>();
        try (AmqpConnection c = factory.getConnection()) {
            Optional<ReceivedMessage> m;
            while ((m = c.receive("restarts", Duration.ofSeconds(2))).isPresent()) {
                onBroker.add(String.valueOf(m.get().message().messageId()));
                m.get().accept();
            }
        }
        broker.close();
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(onBroker);
        System.out.printf("restarts=%d accepted=%d onBroker=%d (duplicates from resends allowed) failedSends=%d"
                + " recoveryMillis=%s%n", RESTARTS, accepted.size(), onBroker.size(), failed.get(), recoveryMillis);
        assertEquals(Set.of(), missing, "accepted messages missing from the broker");
        assertEquals(0, failed.get(), "sends failed although the broker came back within sendTimeout");
        assertTrue(recoveryMillis.stream().allMatch(ms -> ms < 5_000), "slow recovery: " + recoveryMillis);
    }

    private static void awaitProgress(Set<String> accepted, int more) {
        int target = accepted.size() + more;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (accepted.size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress: " + accepted.size() + " accepted");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void awaitAcceptedAfter(AtomicLong lastAcceptedAt, long since) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lastAcceptedAt.get() - since < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no accepted send within 30 s after the broker restarted");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
