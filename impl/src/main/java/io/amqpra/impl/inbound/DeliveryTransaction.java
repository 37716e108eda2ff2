package io.amqpra.impl.inbound;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * What the container's transaction did with a transacted delivery: whether it committed or
 * rolled back, including a rollback the bean asked for with {@code setRollbackOnly()} and one the
 * container decided after the bean returned. The outcome goes to the peer after the transaction
 * ended, so a crash in between leads to a redelivery, never to a loss.
 *
 * <p>Where the server offers its {@link TransactionSynchronizationRegistry} (WildFly does), it
 * listens as a {@link Synchronization}, registered once {@code beforeDelivery} has begun the
 * transaction: it takes no part in two-phase commit and leaves nothing to recover. Elsewhere it
 * is the {@link XAResource} the endpoint is created with, which the container enlists; it holds
 * no data, so it votes yes and has nothing to recover.
 */
final class DeliveryTransaction implements XAResource, Synchronization {

    private enum Result { NONE, COMMITTED, ROLLED_BACK }

    private volatile Result result = Result.NONE;
    private final TransactionSynchronizationRegistry registry;

    /** @param registry the server's registry, or {@code null} to be enlisted as an XAResource */
    DeliveryTransaction(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** What the endpoint is created with: this, unless it listens through the registry. */
    XAResource xaResource() {
        return registry == null ? this : null;
    }

    /** After {@code beforeDelivery}: hears how the transaction it began ends. */
    void listen() {
        if (registry != null && registry.getTransactionKey() != null) {
            registry.registerInterposedSynchronization(this);
        }
    }

    @Override
    public void beforeCompletion() {
        // Nothing to flush: the outcome waits for the end.
    }

    @Override
    public void afterCompletion(int status) {
        result = status == Status.STATUS_COMMITTED ? Result.COMMITTED : Result.ROLLED_BACK;
    }

    /** Whether the container rolled the last delivery's transaction back. */
    boolean rolledBack() {
        return result == Result.ROLLED_BACK;
    }

    /** Forgets the previous delivery's transaction. */
    void reset() {
        result = Result.NONE;
    }

    /**
     * The outcome the peer gets: {@code outcome}, the one the bean's call led to, unless the
     * transaction rolled back. Then the message must come back: modified with delivery-failed
     * (which counts towards {@code maxRedeliveries}), or the error outcome if the bean threw,
     * but never accepted.
     */
    DeliveryState settle(DeliveryState outcome, boolean threw) {
        if (result != Result.ROLLED_BACK || (threw && !(outcome instanceof Accepted))) {
            return outcome;
        }
        Modified modified = new Modified();
        modified.setDeliveryFailed(true);
        return modified;
    }

    @Override
    public void start(Xid xid, int flags) {
        result = Result.NONE;
    }

    @Override
    public void end(Xid xid, int flags) {
        // Nothing held: the outcome waits for commit or rollback.
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        result = Result.COMMITTED;
    }

    @Override
    public void rollback(Xid xid) {
        result = Result.ROLLED_BACK;
    }

    @Override
    public void forget(Xid xid) {
        // Nothing held.
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
