package io.amqpra.impl.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Non-managed mode (plain Java SE) against a real broker. */
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
}
