package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import io.amqpra.impl.Await;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a listener's figures say while one peer connection attaches and detaches many links. */
@Timeout(60)
class ListenerFiguresTest {

    private static final int LINK_CREDIT = 50;
    private static final int ADDRESSES = 40;

    /**
     * Review finding: a link that ended kept its credit in the listener's figure until its whole
     * connection ended, so a client that attaches a link per batch made it grow without bound.
     */
    @Test
    void creditOfEndedLinksLeavesTheFigureWhileTheConnectionLives() throws Exception {
        try (TestContainer container = new TestContainer()) {
            AmqpResourceAdapter adapter = new AmqpResourceAdapter();
            adapter.start(TestContainer.bootstrap(container.workManager));
            TestContainer.Endpoint bean = new TestContainer.Endpoint((m, ctx) -> { });
            AmqpActivationSpec spec = TestContainer.spec("batch.*");
            spec.setLinkCredit(LINK_CREDIT);
            try {
                adapter.endpointActivation(bean, spec);
                int port = adapter.listeningPort(bean, spec);
                AmqpConnectionFactory factory = factory(adapter, port);
                try (AmqpConnection connection = factory.getConnection()) {
                    for (int i = 0; i < ADDRESSES; i++) { // one sender link at a time: each detaches the last
                        assertEquals(Outcome.accepted(), connection.send("batch." + i, Message.of("m" + i)));
                    }
                    Await.until(() -> "accepted " + listener(adapter), Duration.ofSeconds(10),
                            () -> listener(adapter).figure(Figure.RECEIVED_ACCEPTED) == ADDRESSES);
                    Await.until(() -> "at most one link's credit: " + listener(adapter), Duration.ofSeconds(10),
                            () -> listener(adapter).figure(Figure.CREDIT_OUTSTANDING) <= LINK_CREDIT);
                    assertEquals(1, listener(adapter).figure(Figure.PEERS_OPEN));
                }
                ((AutoCloseable) factory).close(); // its pool closes the connection
                Await.until(() -> "nothing once the peer left: " + listener(adapter), Duration.ofSeconds(10),
                        () -> listener(adapter).figure(Figure.CREDIT_OUTSTANDING) == 0
                                && listener(adapter).figure(Figure.PEERS_OPEN) == 0);
                assertTrue(listener(adapter).figure(Figure.BYTES_IN) > 0);
            } finally {
                adapter.endpointDeactivation(bean, spec);
                adapter.stop();
            }
        }
    }

    private static ResourceStatus listener(AmqpResourceAdapter adapter) {
        return adapter.status().resources().stream().filter(r -> r.kind() == Kind.LISTENER).findFirst().orElseThrow();
    }

    private static AmqpConnectionFactory factory(AmqpResourceAdapter adapter, int port) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        mcf.setMaxSenderLinks(1);
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }
}
