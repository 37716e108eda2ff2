package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.impl.Await;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A container whose WorkManager is saturated, as WildFly's is when slow beans hold all its JCA
 * threads: {@code scheduleWork} then blocks, as IronJacamar's does with a full queue. The event
 * loop must never be the thread that waits there, or every connection on it stops.
 */
@Timeout(60)
class SaturatedContainerTest {

    /** Threads the container has for the adapter's work: its loop's, hand-off's and watchdog's included. */
    private static final int THREADS = 4;

    @Test
    void slowBeansHoldingEveryContainerThreadDoNotStopAnotherConnectionOnTheSameLoop() throws Exception {
        BlockingWorkManager workManager = new BlockingWorkManager(THREADS);
        AmqpResourceAdapter adapter = new AmqpResourceAdapter();
        adapter.setEventLoopThreads(1); // the listener's peer connection and the broker's share it
        adapter.start(TestContainer.bootstrap(workManager));
        CountDownLatch beansMayFinish = new CountDownLatch(1);
        AtomicInteger inBeans = new AtomicInteger();
        TestContainer.Endpoint slow = new TestContainer.Endpoint((m, ctx) -> {
            inBeans.incrementAndGet();
            beansMayFinish.await(30, TimeUnit.SECONDS);
        });
        AmqpActivationSpec spec = TestContainer.spec("slow");
        spec.setMaxConcurrency(10);
        try (TestBroker broker = TestBroker.start()) {
            adapter.endpointActivation(slow, spec);
            try (AmqpConnection toListener = factory(adapter, adapter.listeningPort(slow, spec)).getConnection();
                 AmqpConnection toBroker = factory(adapter, broker.port()).getConnection()) {
                List<CompletableFuture<Outcome>> slowOnes = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    slowOnes.add(toListener.sendAsync("slow", Message.of("slow " + i)).toCompletableFuture());
                }
                // Every container thread is taken (the loop's, the adapter's own two, the beans'), and
                // the next delivery waits in scheduleWork.
                Await.until("the beans to take every container thread", Duration.ofSeconds(10),
                        () -> inBeans.get() >= 1 && workManager.saturated());

                assertEquals(Outcome.accepted(), toBroker.send("elsewhere", Message.of("still moving")),
                        "a connection on the same loop must keep sending");

                beansMayFinish.countDown();
                for (CompletableFuture<Outcome> s : slowOnes) {
                    assertEquals(Outcome.accepted(), s.get(20, TimeUnit.SECONDS));
                }
            } finally {
                beansMayFinish.countDown();
                adapter.endpointDeactivation(slow, spec);
            }
        } finally {
            adapter.stop();
            workManager.threads.shutdownNow();
        }
    }

    private static AmqpConnectionFactory factory(AmqpResourceAdapter adapter, int port) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        mcf.setSendTimeout(5_000L);
        mcf.setReconnect(false);
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    /** A WorkManager with a fixed number of threads whose scheduleWork waits for a free one. */
    private static final class BlockingWorkManager implements WorkManager {
        final ExecutorService threads = Executors.newCachedThreadPool();
        private final Semaphore free;

        BlockingWorkManager(int size) {
            free = new Semaphore(size);
        }

        boolean saturated() {
            return free.availablePermits() == 0 && free.hasQueuedThreads();
        }

        @Override
        public void scheduleWork(Work work) {
            free.acquireUninterruptibly(); // IronJacamar's short-running pool, with its queue full
            threads.execute(() -> {
                try {
                    work.run();
                } finally {
                    free.release();
                }
            });
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            scheduleWork(work);
        }

        @Override
        public long startWork(Work work) {
            scheduleWork(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            return startWork(work);
        }

        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            work.run();
        }
    }
}
