package io.amqpra.impl.client;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.link.Coordinator;
import io.amqpra.impl.message.MessageCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * The AMQP local transactions of an {@link AmqpClientConnection}: declares them with the peer's
 * coordinator and discharges them. A transaction belongs to the attempt it was declared on; after
 * a loss, its commit fails and its rollback is done already (the peer discards it). Methods may
 * be called from any thread. Their futures complete on the loop: wait on them, or chain only
 * short steps that never block.
 */
public final class Transactions {

    private static final byte[] DECLARE = MessageCodec.encodeValue(new Declare());
    /** Extra wait beyond {@code sendTimeout}, in case the loop itself is late. */
    private static final long GRACE_MILLIS = 5_000;

    private final AmqpClientConnection connection;

    Transactions(AmqpClientConnection connection) {
        this.connection = connection;
    }

    /** Declares a transaction with the peer's coordinator, attaching it on first use. */
    public CompletableFuture<Transaction> declare() {
        CompletableFuture<Transaction> declared = new CompletableFuture<>();
        connection.execute(() -> {
            Attempt open = connection.openAttempt();
            if (open == null) {
                AmqpException notOpen = connection.notOpen();
                declared.completeExceptionally(MESSAGES.cannotBegin(notOpen.getMessage(), notOpen));
                return;
            }
            Coordinator.Request request = new Coordinator.Request(DECLARE, declareFailures(open.endpoint));
            request.future().whenComplete((id, error) -> {
                if (error == null) {
                    declared.complete(new Transaction(id, open));
                } else {
                    declared.completeExceptionally(error);
                }
            });
            open.coordinator().offer(request);
        });
        return declared;
    }

    /**
     * Commits ({@code fail} false) or rolls back a transaction. A commit fails with
     * {@code TransactionRolledBackException} if the peer refused it or the connection was lost
     * before it went out; a rollback of a transaction whose connection was lost succeeds.
     */
    public CompletableFuture<Void> discharge(Transaction txn, boolean fail) {
        // Both encoded on the caller's thread, not the loop: a commit may turn into a rollback.
        byte[] commit = fail ? null : encodeDischarge(txn, false);
        byte[] rollback = encodeDischarge(txn, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        txn.sent().thenAccept(spoiled -> connection.execute(() -> {
            Endpoint endpoint = txn.attempt.endpoint;
            if (!txn.isOn(connection.openAttempt())) {
                if (fail) {
                    done.complete(null);
                } else {
                    AmqpException lost = connection.failure() != null ? connection.failure() : connection.notOpen();
                    done.completeExceptionally(MESSAGES.lostBeforeCommit(endpoint, lost.getMessage(), lost));
                }
                return;
            }
            boolean rollingBack = fail || spoiled != null || txn.abandoned;
            Coordinator.Request request = new Coordinator.Request(rollingBack ? rollback : commit,
                    dischargeFailures(endpoint, rollingBack));
            request.future().whenComplete((ignored, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else if (rollingBack && !fail) {
                    done.completeExceptionally(MESSAGES.commitSpoiled(endpoint,
                            spoiled != null ? spoiled : "no answer in time", null));
                } else {
                    done.complete(null);
                }
            });
            connection.openAttempt().coordinator().offer(request);
        }));
        return done;
    }

    private static byte[] encodeDischarge(Transaction txn, boolean fail) {
        Discharge discharge = new Discharge();
        discharge.setTxnId(txn.id);
        discharge.setFail(fail);
        return MessageCodec.encodeValue(discharge);
    }

    /**
     * Waits for the coordinator's answer to a request of {@code connection}, at most its
     * {@code sendTimeout} (and a grace).
     */
    public static <T> T await(CompletableFuture<T> answer, AmqpClientConnection connection) throws AmqpException {
        long timeout = connection.settings().limits().sendTimeoutMillis();
        try {
            return answer.get(timeout + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AmqpException amqp ? amqp : MESSAGES.unexpected(e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw MESSAGES.coordinatorTimedOut(connection.settings().endpoint(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MESSAGES.coordinatorInterrupted();
        }
    }

    /** A transactional send or settlement found its transaction's attempt gone. */
    AmqpException lost(Transaction txn) {
        AmqpException cause = connection.failure() != null ? connection.failure() : connection.notOpen();
        return MESSAGES.transactionLost(txn.attempt.endpoint, cause.getMessage(), cause);
    }

    private static Coordinator.Failures declareFailures(Endpoint endpoint) {
        return new Coordinator.Failures() {
            @Override
            public AmqpException refused(ErrorCondition error) {
                return MESSAGES.declareRefused(endpoint, ClientFailures.describe(error), ClientFailures.condition(error));
            }

            @Override
            public AmqpException lost(boolean sent, AmqpException cause) {
                return cause;
            }
        };
    }

    private static Coordinator.Failures dischargeFailures(Endpoint endpoint, boolean fail) {
        return new Coordinator.Failures() {
            @Override
            public AmqpException refused(ErrorCondition error) {
                String detail = ClientFailures.describe(error);
                return fail ? MESSAGES.rollbackRefused(endpoint, detail, ClientFailures.condition(error))
                        : MESSAGES.commitRefused(endpoint, detail, ClientFailures.condition(error));
            }

            @Override
            public AmqpException lost(boolean sent, AmqpException cause) {
                if (fail) {
                    return null; // the peer discards a transaction whose connection is gone: rolled back
                }
                return sent ? MESSAGES.commitOutcomeUnknown(endpoint, cause.getMessage(), cause)
                        : MESSAGES.lostBeforeCommit(endpoint, cause.getMessage(), cause);
            }
        };
    }
}
