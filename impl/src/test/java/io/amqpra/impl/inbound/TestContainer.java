package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import io.amqpra.impl.stats.StatusBoard;
import io.amqpra.impl.transport.EventLoops;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/** Just enough of a container to activate endpoints: a WorkManager and endpoint factories. */
final class TestContainer implements AutoCloseable {

    final ExecutorService threads = Executors.newCachedThreadPool();
    final Listeners listeners = new Listeners();
    private final EventLoops loops = EventLoops.own(() -> "test-container", 2,
            EventLoops.idleEndingThreads(() -> "test-container"));
    final WorkManager workManager = new WorkManager() {
        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            threads.execute(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            return startWork(work);
        }

        @Override
        public void scheduleWork(Work work) {
            threads.execute(work);
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            threads.execute(work);
        }
    };

    void activate(Endpoint endpoint, AmqpActivationSpec spec) throws Exception {
        listeners.activate(endpoint, spec, loops, new Container(workManager, null, new StatusBoard()));
    }

    @Override
    public void close() {
        listeners.closeAll();
        loops.shutdown();
        threads.shutdownNow();
    }

    /** What a server gives the resource adapter when it starts it: here, only {@code workManager}. */
    static BootstrapContext bootstrap(WorkManager workManager) {
        return new BootstrapContext() {
            @Override
            public WorkManager getWorkManager() {
                return workManager;
            }

            @Override
            public XATerminator getXATerminator() {
                return null;
            }

            @Override
            public Timer createTimer() {
                return new Timer(true);
            }

            @Override
            public boolean isContextSupported(Class<? extends WorkContext> type) {
                return false;
            }

            @Override
            public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
                return null;
            }
        };
    }

    static AmqpActivationSpec spec(String address) {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setHost("127.0.0.1");
        spec.setPort(0);
        spec.setAddress(address);
        spec.setSaslMechanisms("ANONYMOUS");
        return spec;
    }

    /** The bean's method, with a container's before/after bookkeeping around it. */
    interface Bean {
        void onMessage(Message message, DeliveryContext context) throws Exception;
    }

    /** An endpoint factory whose endpoints call a {@link Bean} and count before/after pairs. */
    static final class Endpoint implements MessageEndpointFactory {
        final AtomicInteger before = new AtomicInteger();
        final AtomicInteger after = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        /** Runs in beforeDelivery, where a container may fail; none by default. */
        volatile Runnable onBefore = () -> { };
        private final Bean bean;

        Endpoint(Bean bean) {
            this.bean = bean;
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new Instance();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
            return new Instance();
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return Bean.class;
        }

        private final class Instance implements MessageEndpoint, AmqpMessageListener {
            @Override
            public void onMessage(Message message, DeliveryContext context) throws Exception {
                bean.onMessage(message, context);
            }

            @Override
            public void beforeDelivery(Method method) {
                before.incrementAndGet();
                onBefore.run();
            }

            @Override
            public void afterDelivery() {
                after.incrementAndGet();
            }

            @Override
            public void release() {
                released.incrementAndGet();
            }
        }
    }
}
