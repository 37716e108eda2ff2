package io.amqpra.impl.inbound;

import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.messaging.Released;

/**
 * Hands messages to an endpoint as {@code Work} on the container's WorkManager, at most
 * {@code maxConcurrency} at a time; the others wait here, in order.
 */
final class Dispatcher {

    private static final AmqpLogger LOG = AmqpLogger.of(Dispatcher.class);

    private final MessageEndpointFactory factory;
    private final WorkManager workManager;
    private final TransactionSynchronizationRegistry transactions;
    private final DeliveryRules rules;
    private final String description;
    private final Figures figures;
    private final boolean transacted;
    private final ArrayDeque<Inbound> waiting = new ArrayDeque<>();
    private int running;
    private boolean stopped;

    /** {@code figures}: where its listener or consuming bean counts beans in flight. */
    Dispatcher(MessageEndpointFactory factory, Container container, DeliveryRules rules, String description,
               Figures figures) {
        this.factory = factory;
        this.workManager = container.workManager();
        this.transactions = container.transactions();
        this.rules = rules;
        this.description = description;
        this.figures = figures;
        this.transacted = transacted(factory);
    }

    /** Whether the container wraps each delivery in a transaction (a CMT bean, REQUIRED). */
    private static boolean transacted(MessageEndpointFactory factory) {
        try {
            return factory.isDeliveryTransacted(EndpointActivation.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    boolean transacted() {
        return transacted;
    }

    /** The server's transactions, or {@code null}. */
    TransactionSynchronizationRegistry transactions() {
        return transactions;
    }

    MessageEndpointFactory factory() {
        return factory;
    }

    DeliveryRules rules() {
        return rules;
    }

    Figures figures() {
        return figures;
    }

    String describe() {
        return description;
    }

    void dispatch(Inbound message) {
        synchronized (this) {
            if (stopped) {
                message.finish(Released.getInstance());
                return;
            }
            waiting.add(message);
        }
        drain();
    }

    private void drain() {
        while (true) {
            Inbound next;
            synchronized (this) {
                if (running >= rules.maxConcurrency() || (next = waiting.poll()) == null) {
                    return;
                }
                running++;
            }
            Inbound first = next;
            AtomicBoolean rejected = new AtomicBoolean();
            try {
                // The adapter's WorkManager returns at once, even when the container is full.
                workManager.scheduleWork(new EndpointWork(this, first), WorkManager.INDEFINITE, null, new WorkAdapter() {
                    @Override
                    public void workRejected(WorkEvent event) {
                        if (rejected.compareAndSet(false, true)) {
                            rejected(first, event.getException());
                        }
                    }
                });
            } catch (WorkException e) {
                if (rejected.compareAndSet(false, true)) {
                    rejected(first, e);
                }
            }
        }
    }

    /** The container refused the work of {@code message}: it goes back to its peer. */
    private void rejected(Inbound message, WorkException e) {
        LOG.workRefusedMessageReleased(description, e == null ? "rejected" : e.getMessage());
        message.finish(Released.getInstance());
        synchronized (this) {
            running--;
            notifyAll();
        }
    }

    /**
     * A work that finished one message takes the next waiting one, if any, instead of ending:
     * under load a few works run back to back rather than one container hand-off per message.
     */
    Inbound nextOrDone() {
        Inbound next;
        synchronized (this) {
            next = stopped ? null : waiting.poll();
            if (next == null) {
                running--;
                notifyAll();
            }
        }
        return next;
    }

    /** Stops dispatching; messages not yet handed to the endpoint are released. */
    void stop() {
        ArrayDeque<Inbound> left;
        synchronized (this) {
            stopped = true;
            left = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        left.forEach(m -> m.finish(Released.getInstance()));
    }

    /** Messages with a bean now. */
    synchronized int running() {
        return running;
    }

    /** Waits up to {@code millis} for the beans in flight; whether they all finished. */
    synchronized boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return running == 0;
    }
}
