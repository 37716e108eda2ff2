package io.amqpra.impl.client;

import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.stats.Figures;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.messaging.Outcome;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * The receiving side of an {@link AmqpClientConnection}: receives that wait for one message
 * each (and wait out a reconnect in the {@link Backlog}), and the settling of what arrived,
 * pulled or pushed. Methods may be called from any thread; the work runs on the loop.
 */
public final class Receiving {

    private final AmqpClientConnection connection;
    private final EventLoop loop;
    private final Backlog backlog;
    private final Figures figures;
    /** Set by receive(), cleared when receivers are released. */
    private volatile boolean receiving;
    /**
     * Outcomes waiting for the loop: at most one per message received and not yet settled, so
     * bounded by the credit granted.
     */
    private final ConcurrentLinkedQueue<Settlement> settling = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settlingScheduled = new AtomicBoolean();

    private record Settlement(IncomingDelivery delivery, DeliveryState outcome) {
    }

    Receiving(AmqpClientConnection connection, EventLoop loop, Backlog backlog, Figures figures) {
        this.figures = figures;
        this.connection = connection;
        this.loop = loop;
        this.backlog = backlog;
    }

    /**
     * Asks for one message from an address. The future completes with {@code null} when none
     * arrived within the timeout. It is completed on the loop: only wait on it, never chain.
     */
    public CompletableFuture<IncomingDelivery> receive(String address, long timeoutMillis) {
        receiving = true;
        CompletableFuture<IncomingDelivery> waiter = new CompletableFuture<>();
        connection.execute(() -> {
            Attempt open = connection.openAttempt();
            if (open != null) {
                open.receiver(address).request(waiter);
            } else if (connection.reconnecting()) {
                backlog.add(address, waiter);
            } else {
                waiter.completeExceptionally(connection.notOpen());
                return;
            }
            if (!waiter.isDone()) {
                loop.schedule(() -> abandon(address, waiter), timeoutMillis, TimeUnit.MILLISECONDS);
            }
        });
        return waiter;
    }

    private void abandon(String address, CompletableFuture<IncomingDelivery> waiter) {
        Attempt current = connection.currentAttempt();
        if (current != null) {
            current.abandon(address, waiter);
        }
        backlog.remove(address, waiter);
        waiter.complete(null);
    }

    /**
     * Releases a message whose receive was abandoned by its caller (interrupted) after the loop
     * handed it over, so that the peer delivers it again.
     */
    public void giveBack(IncomingDelivery delivery) {
        settle(delivery, Released.getInstance());
    }

    /**
     * Settles a received message with an outcome. It fails if the link the message came on is
     * gone: the peer then delivers it again, and it is never settled on another link.
     */
    public CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome) {
        return settle(delivery, outcome, null);
    }

    /**
     * Settles a received message in a transaction ({@code null} for none): the outcome takes
     * effect only if the transaction commits. It fails if the transaction's connection is gone.
     */
    public CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome, Transaction txn) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.execute(() -> {
            if (connection.openAttempt() == null || delivery.linkLost()) {
                done.completeExceptionally(ClientFailures.cannotSettle(connection.failure()));
            } else if (txn != null && !txn.isOn(connection.openAttempt())) {
                done.completeExceptionally(connection.transactions().lost(txn));
            } else {
                delivery.settle(txn == null ? outcome : transactional(txn, outcome));
                figures.settled(outcome);
                done.complete(null);
            }
        });
        return done;
    }

    /**
     * Settles a received message outside any transaction, without telling the caller when.
     * Outcomes that arrive while the loop is busy go out together, in one write. A message whose
     * link is gone by then is not settled: the peer delivers it again.
     */
    public void settleSoon(IncomingDelivery delivery, DeliveryState outcome) {
        settling.add(new Settlement(delivery, outcome));
        if (settlingScheduled.compareAndSet(false, true)) {
            connection.execute(this::settleQueued);
        }
    }

    /** Loop thread. */
    private void settleQueued() {
        settlingScheduled.set(false); // before polling: an outcome added after the last poll schedules again
        boolean open = connection.openAttempt() != null;
        for (Settlement next; (next = settling.poll()) != null; ) {
            if (open && !next.delivery.linkLost()) {
                next.delivery.settle(next.outcome);
                figures.settled(next.outcome);
            }
        }
    }

    private static DeliveryState transactional(Transaction txn, DeliveryState outcome) {
        TransactionalState state = new TransactionalState();
        state.setTxnId(txn.id);
        state.setOutcome((Outcome) outcome);
        return state;
    }

    /** Releases what receivers hold and detaches them; senders stay attached for reuse. */
    public CompletableFuture<Void> releaseReceivers() {
        if (!receiving) {
            // Nothing was ever received on this connection since the last release: returning a
            // handle to the pool then costs no trip to the event loop.
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.execute(() -> {
            receiving = false;
            Attempt current = connection.currentAttempt();
            if (current != null) {
                current.releaseReceivers();
            }
            backlog.releaseReceives();
            done.complete(null);
        });
        return done;
    }
}
