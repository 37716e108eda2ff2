package io.amqpra.impl.client;

import io.amqpra.api.Outcome;
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
    private int inFlight;
    /** Completes, with {@link #spoiled}, once it is ending and no send is in flight. */
    private final CompletableFuture<String> allSent = new CompletableFuture<>();
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
    boolean track(CompletableFuture<Outcome> send) {
        synchronized (this) {
            if (ending) {
                return false;
            }
            inFlight++;
        }
        send.whenComplete(this::sendDone);
        return true;
    }

    private void sendDone(Outcome outcome, Throwable error) {
        CompletableFuture<String> ready;
        String why;
        synchronized (this) {
            if (spoiled == null && (error != null || !outcome.isAccepted())) {
                spoiled = error != null ? error.getMessage() : "a message sent in it was " + outcome;
            }
            inFlight--;
            ready = inFlight == 0 && ending ? allSent : null;
            why = spoiled;
        }
        if (ready != null) {
            ready.complete(why); // outside the lock: what follows hands the discharge to the loop
        }
    }

    /**
     * Completes when every send in this transaction has its outcome, or failed (a discharge that
     * overtook a transfer still waiting for credit would leave that transfer outside it), with
     * why it cannot commit, or {@code null}. No send joins it after this.
     */
    CompletableFuture<String> sent() {
        CompletableFuture<String> ready;
        String why;
        synchronized (this) {
            ending = true;
            ready = allSent;
            why = spoiled;
            if (inFlight > 0) {
                return ready;
            }
        }
        ready.complete(why);
        return ready;
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
