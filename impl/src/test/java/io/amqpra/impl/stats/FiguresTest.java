package io.amqpra.impl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.Outcome;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static final int THREADS = 8;
    private static final int EACH = 50_000;

    @Test
    void countersAndGaugesAddUpUnderConcurrency() throws Exception {
        Figures figures = new Figures(Kind.CONNECTION_FACTORY);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < EACH; i++) {
                    figures.increment(Figure.SENDS_IN_FLIGHT);
                    figures.sendDone(System.nanoTime(), i % 2 == 0 ? Outcome.Type.ACCEPTED : Outcome.Type.RELEASED);
                    figures.decrement(Figure.SENDS_IN_FLIGHT);
                    figures.add(Figure.BYTES_OUT, 3);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        long total = (long) THREADS * EACH;
        assertEquals(total / 2, figures.get(Figure.SENDS_ACCEPTED));
        assertEquals(total / 2, figures.get(Figure.SENDS_RELEASED));
        assertEquals(0, figures.get(Figure.SENDS_IN_FLIGHT), "every send that went in came out");
        assertEquals(3 * total, figures.get(Figure.BYTES_OUT));
        assertTrue(figures.get(Figure.SEND_TIME_P50_MICROS) <= figures.get(Figure.SEND_TIME_P99_MICROS));
        assertTrue(figures.get(Figure.SEND_TIME_P99_MICROS) <= figures.get(Figure.SEND_TIME_MAX_MICROS));
    }

    @Test
    void receivedMessagesAreCountedByOutcomeAlsoInATransaction() {
        Figures figures = new Figures(Kind.LISTENER);
        figures.settled(Accepted.getInstance());
        figures.settled(new Rejected());
        figures.settled(Released.getInstance());
        figures.settled(new Modified());
        TransactionalState inTxn = new TransactionalState();
        inTxn.setOutcome(Accepted.getInstance());
        figures.settled(inTxn);
        figures.settled(null); // a presettled message whose bean gave no outcome: nothing to count

        assertEquals(2, figures.get(Figure.RECEIVED_ACCEPTED));
        assertEquals(1, figures.get(Figure.RECEIVED_REJECTED));
        assertEquals(1, figures.get(Figure.RECEIVED_RELEASED));
        assertEquals(1, figures.get(Figure.RECEIVED_MODIFIED));
    }

    @Test
    void eachKindShowsItsOwnFigures() {
        assertTrue(new Figures(Kind.CONNECTION_FACTORY).snapshot().containsKey(Figure.SENDS_ACCEPTED));
        assertFalse(new Figures(Kind.CONNECTION_FACTORY).snapshot().containsKey(Figure.PEERS_ACCEPTED));
        assertTrue(new Figures(Kind.LISTENER).snapshot().containsKey(Figure.PEERS_REFUSED_LOGIN));
        assertFalse(new Figures(Kind.LISTENER).snapshot().containsKey(Figure.CONNECTIONS_OPEN));
        assertTrue(new Figures(Kind.CONSUMER).snapshot().containsKey(Figure.BEANS_IN_FLIGHT));
        assertFalse(new Figures(Kind.CONSUMER).snapshot().containsKey(Figure.SENDS_ACCEPTED));
    }

    /**
     * Review finding: with no connection left to retry (a pool of minimum size 0), a failure
     * would keep a factory unready for good, and a probe that takes the server out of service
     * would then never let it recover. A failure counts for a bounded time.
     */
    @Test
    void aFailureNoConnectionRetriesStopsCountingAfterAWhile() {
        long[] now = {0};
        Figures figures = new Figures(Kind.CONNECTION_FACTORY, () -> now[0]);
        figures.connectFailed("Connection refused");
        now[0] += java.util.concurrent.TimeUnit.SECONDS.toNanos(29);
        assertEquals("cannot connect: Connection refused", figures.connectionProblem());
        now[0] += java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        assertNull(figures.connectionProblem(), "30 s after the last failure, and nothing reconnecting");
    }

    @Test
    void connectionsAreAProblemOnlyWhileNoneIsOpen() {
        Figures figures = new Figures(Kind.CONNECTION_FACTORY);
        assertNull(figures.connectionProblem(), "an unused factory has nothing against it");
        figures.connectFailed("127.0.0.1:5672: Connection refused");
        assertEquals("cannot connect: 127.0.0.1:5672: Connection refused", figures.connectionProblem());
        figures.increment(Figure.CONNECTIONS_OPEN);
        assertNull(figures.connectionProblem(), "another connection is open");
        figures.decrement(Figure.CONNECTIONS_OPEN);
        figures.connectOk();
        figures.increment(Figure.CONNECTIONS_RECONNECTING);
        assertEquals("reconnecting", figures.connectionProblem());
    }
}
