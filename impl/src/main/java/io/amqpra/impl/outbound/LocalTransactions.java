package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.client.AmqpClientConnection;
import io.amqpra.impl.client.Transaction;
import io.amqpra.impl.client.Transactions;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import java.util.concurrent.CompletableFuture;

/**
 * The AMQP local transaction of one managed connection, begun either by the container (this is
 * the {@link LocalTransaction} it enlists in JTA) or by the application through its handle. While
 * one is active, the connection's sends and settlements carry it. With {@code transactions=none}
 * the container's begin, commit and rollback do nothing, and sends go out at once.
 */
final class LocalTransactions implements LocalTransaction {

    private final AmqpManagedConnection mc;
    // Guarded by this.
    private Transaction current;
    private boolean byApplication;
    /** A declare is on its way. */
    private boolean beginning;
    /**
     * The container rolled back the transaction it enlisted this connection in (its timeout, say)
     * while the bean may still be sending: those sends fail rather than go out untransacted.
     */
    private boolean rolledBackUnderneath;

    LocalTransactions(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    /** The transaction that sends and settlements join now, or {@code null}. */
    synchronized Transaction current() {
        return current;
    }

    /**
     * The transaction a send joins, or {@code null} for none; fails if the container rolled its
     * transaction back underneath the application.
     */
    synchronized Transaction forSend() throws AmqpException {
        if (current == null && rolledBackUnderneath) {
            throw MESSAGES.enlistedTransactionRolledBack(null);
        }
        return current;
    }

    // ---------------------------------------------------------------- the container's (JTA)

    @Override
    public void begin() throws ResourceException {
        if (client().settings().limits().transactions()) {
            start(false); // with transactions=none, the operator chose sends outside any transaction
        }
    }

    @Override
    public void commit() throws ResourceException {
        end(false, false);
    }

    @Override
    public void rollback() throws ResourceException {
        end(true, false);
    }

    // ---------------------------------------------------------------- the application's (its handle)

    void beginByApplication() throws AmqpException {
        start(true);
        mc.fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED);
    }

    void commitByApplication() throws AmqpException {
        end(false, true);
    }

    void rollbackByApplication() throws AmqpException {
        end(true, true);
    }

    /**
     * The pool takes the connection back: a transaction its last user left open is rolled back,
     * quietly, and the next user starts afresh.
     */
    void reset() {
        Transaction txn;
        synchronized (this) {
            txn = current;
            current = null;
            rolledBackUnderneath = false;
        }
        if (txn != null) {
            try {
                await(client().transactions().discharge(txn, true));
            } catch (AmqpException | RuntimeException e) {
                mc.logAbandonFailure(e);
            }
        }
    }

    /** Declares a transaction, without holding the lock while the peer answers. */
    private void start(boolean application) throws AmqpException {
        synchronized (this) {
            if (current != null || beginning) {
                throw application && !byApplication && current != null ? MESSAGES.enlistedInJta()
                        : MESSAGES.transactionAlreadyActive();
            }
            beginning = true;
        }
        Transaction txn = null;
        try {
            txn = await(client().transactions().declare());
        } finally {
            synchronized (this) {
                beginning = false;
                current = txn;
                byApplication = application;
                rolledBackUnderneath = false;
            }
        }
    }

    private void end(boolean fail, boolean application) throws AmqpException {
        Transaction txn;
        synchronized (this) {
            txn = current;
            if (txn == null) {
                if (application) {
                    throw MESSAGES.noTransactionActive();
                }
                return; // transactions=none, or nothing was begun
            }
            if (application != byApplication) {
                throw application ? MESSAGES.enlistedInJta() : MESSAGES.noTransactionActive();
            }
            current = null; // whatever the peer answers, this transaction is over
            rolledBackUnderneath = fail && !application;
        }
        try {
            await(client().transactions().discharge(txn, fail));
        } catch (AmqpException e) {
            if (!fail) {
                txn.abandon(); // no answer in time: a commit not yet sent must not go out later
            }
            throw e;
        } finally {
            if (application) {
                // Whatever the peer said, this transaction is over: the pool must hear it.
                mc.fire(fail ? ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK : ConnectionEvent.LOCAL_TRANSACTION_COMMITTED);
            }
        }
    }

    private AmqpClientConnection client() {
        return mc.client();
    }

    private <T> T await(CompletableFuture<T> answer) throws AmqpException {
        return Transactions.await(answer, client());
    }
}
