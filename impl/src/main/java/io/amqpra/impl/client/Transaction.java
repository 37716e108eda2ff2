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

    Transaction(Binary id, Attempt attempt) {
        this.id = id;
        this.attempt = attempt;
    }

    /** A send in this transaction: the discharge goes out only after its outcome arrived. */
    synchronized void track(CompletableFuture<Outcome> send) {
        sending.removeIf(CompletableFuture::isDone);
        sending.add(send);
    }

    /**
     * Completes when every send in this transaction has its outcome, or failed: a discharge that
     * overtook a transfer still waiting for credit would leave that transfer outside it.
     */
    synchronized CompletableFuture<Void> sent() {
        CompletableFuture<?>[] all = sending.toArray(new CompletableFuture<?>[0]);
        sending.clear();
        return CompletableFuture.allOf(all).handle((ignored, error) -> null);
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
