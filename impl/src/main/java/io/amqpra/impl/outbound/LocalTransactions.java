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
    private Transaction current;
    private boolean byApplication;

    LocalTransactions(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    /** The transaction that sends and settlements join now, or {@code null}. */
    synchronized Transaction current() {
        return current;
    }

    // ---------------------------------------------------------------- the container's (JTA)

    @Override
    public synchronized void begin() throws ResourceException {
        if (!client().settings().limits().transactions()) {
            return; // transactions=none: the operator chose sends outside any transaction
        }
        if (current != null) {
            throw MESSAGES.transactionAlreadyActive();
        }
        current = await(client().transactions().declare());
        byApplication = false;
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

    synchronized void beginByApplication() throws AmqpException {
        if (current != null) {
            throw byApplication ? MESSAGES.transactionAlreadyActive() : MESSAGES.enlistedInJta();
        }
        current = await(client().transactions().declare());
        byApplication = true;
        mc.fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED);
    }

    void commitByApplication() throws AmqpException {
        end(false, true);
    }

    void rollbackByApplication() throws AmqpException {
        end(true, true);
    }

    /** The pool takes the connection back: a transaction its last user left open is rolled back. */
    void abandon() {
        try {
            end(true, byApplicationNow());
        } catch (AmqpException | RuntimeException e) {
            mc.logAbandonFailure(e);
        }
    }

    private synchronized boolean byApplicationNow() {
        return byApplication;
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
        }
        await(client().transactions().discharge(txn, fail));
        if (application) {
            mc.fire(fail ? ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK : ConnectionEvent.LOCAL_TRANSACTION_COMMITTED);
        }
    }

    private AmqpClientConnection client() {
        return mc.client();
    }

    private <T> T await(CompletableFuture<T> answer) throws AmqpException {
        return Transactions.await(answer, client());
    }
}
