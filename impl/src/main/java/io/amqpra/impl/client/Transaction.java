package io.amqpra.impl.client;

import io.amqpra.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Binary;

/**
 * An AMQP local transaction, declared by the coordinator of one connection attempt. It lives
 * only as long as that attempt: once the connection is lost the peer discards it, and nothing
 * more can be sent, settled or committed in it.
 */
public final class Transaction {

    final Binary id;
    final Attempt attempt;
    /** Sends in it without their outcome yet: its discharge waits for them. Guarded by this. */
    private final List<CompletableFuture<Outcome>> sending = new ArrayList<>();
    /** Why it can't commit: a send in it that failed or was not accepted. Guarded by this. */
    private String spoiled;
    /** Set once its discharge began: later sends are refused. Guarded by this. */
    private boolean ending;
    /** Its commit was given up on (no answer in time): a discharge not yet sent rolls back. */
    volatile boolean abandoned;

    Transaction(Binary id, Attempt attempt) {
        this.id = id;
        this.attempt = attempt;
    }

    /**
     * A send in this transaction: the discharge goes out only after its outcome arrived, and a
     * commit rolls back unless it was accepted. Whether it may go out: not once the discharge began.
     */
    synchronized boolean track(CompletableFuture<Outcome> send) {
        if (ending) {
            return false;
        }
        sending.removeIf(CompletableFuture::isDone);
        sending.add(send);
        send.whenComplete((outcome, error) -> {
            if (error != null || !outcome.isAccepted()) {
                spoil(error != null ? error.getMessage() : "a message sent in it was " + outcome);
            }
        });
        return true;
    }

    private synchronized void spoil(String why) {
        if (spoiled == null) {
            spoiled = why;
        }
    }

    /**
     * Completes when every send in this transaction has its outcome, or failed (a discharge that
     * overtook a transfer still waiting for credit would leave that transfer outside it), with
     * why it cannot commit, or {@code null}. No send joins it after this.
     */
    synchronized CompletableFuture<String> sent() {
        ending = true;
        CompletableFuture<?>[] all = sending.toArray(new CompletableFuture<?>[0]);
        sending.clear();
        return CompletableFuture.allOf(all).handle((ignored, error) -> spoiled());
    }

    private synchronized String spoiled() {
        return spoiled;
    }

    /**
     * Its commit was given up on (no answer within {@code sendTimeout}): a discharge that has not
     * gone out yet rolls it back rather than commit it behind the caller's back.
     */
    public void abandon() {
        abandoned = true;
    }

    /** Whether {@code open}, the attempt open now (or {@code null}), is the one it was declared on. */
    boolean isOn(Attempt open) {
        return open == attempt;
    }

    @Override
    public String toString() {
        return "transaction " + id;
    }
}
