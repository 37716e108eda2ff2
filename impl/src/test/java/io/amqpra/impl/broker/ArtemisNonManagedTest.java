package io.amqpra.impl.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Non-managed mode (plain Java SE) against a real broker, its local transactions included. */
@Timeout(60)
class ArtemisNonManagedTest {

    private static TestBroker broker;
    private static AmqpConnectionFactory factory;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(broker.port());
        factory = (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void pipelinedSendsOnOneLinkAllGetAccepted() throws Exception {
        int count = 5_000;
        byte[] kib = new byte[1024];
        try (AmqpConnection connection = factory.getConnection()) {
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                outcomes.add(connection.sendAsync("pipelined", Message.of(kib)).toCompletableFuture());
            }
            for (CompletableFuture<Outcome> outcome : outcomes) {
                assertEquals(Outcome.accepted(), outcome.get(30, TimeUnit.SECONDS));
            }
            for (int i = 0; i < count; i++) {
                ReceivedMessage m = connection.receive("pipelined", Duration.ofSeconds(10)).orElseThrow();
                m.accept();
            }
        }
    }

    @Test
    void sendsAppearOnlyWhenTheTransactionCommits() throws Exception {
        try (AmqpConnection connection = factory.getConnection()) {
            connection.begin();
            for (int i = 0; i < 10; i++) {
                assertEquals(Outcome.accepted(), connection.send("tx.sends", Message.of("m" + i)));
            }
            assertEquals(0, broker.messageCount("tx.sends"), "visible before the commit");
            connection.commit();
            assertEquals(10, broker.awaitMessageCount("tx.sends", 10));

            connection.begin();
            connection.send("tx.sends", Message.of("discarded"));
            connection.rollback();
            assertEquals(10, broker.awaitMessageCount("tx.sends", 10), "a rolled-back send was published");
        }
    }

    @Test
    void aMessageConsumedAndForwardedInOneTransactionMovesExactlyOnce() throws Exception {
        try (AmqpConnection connection = factory.getConnection()) {
            connection.send("tx.in", Message.of("work")).requireAccepted();

            // Rolled back: the message is back on its queue, and nothing was forwarded.
            connection.begin();
            ReceivedMessage first = connection.receive("tx.in", Duration.ofSeconds(10)).orElseThrow();
            connection.send("tx.out", Message.of("done: " + first.message().bodyAsString()));
            first.accept();
            connection.rollback();
            assertEquals(0, broker.awaitMessageCount("tx.out", 0));
        }
        try (AmqpConnection connection = factory.getConnection()) {
            // Committed: it left its queue and its result arrived, together.
            connection.begin();
            ReceivedMessage again = connection.receive("tx.in", Duration.ofSeconds(10)).orElseThrow();
            assertEquals("work", again.message().bodyAsString());
            connection.send("tx.out", Message.of("done: " + again.message().bodyAsString()));
            again.accept();
            connection.commit();
            assertEquals(0, broker.awaitMessageCount("tx.in", 0), broker.describe("tx.in"));
            assertEquals(1, broker.awaitMessageCount("tx.out", 1));
            Optional<ReceivedMessage> result = connection.receive("tx.out", Duration.ofSeconds(10));
            assertTrue(result.isPresent());
            assertEquals("done: work", result.get().message().bodyAsString());
            result.get().accept();
        }
    }
}
