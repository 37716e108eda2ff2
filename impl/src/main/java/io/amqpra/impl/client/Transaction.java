package io.amqpra.impl.client;

import org.apache.qpid.proton.amqp.Binary;

/**
 * An AMQP local transaction, declared by the coordinator of one connection attempt. It lives
 * only as long as that attempt: once the connection is lost the peer discards it, and nothing
 * more can be sent, settled or committed in it.
 */
public final class Transaction {

    final Binary id;
    final Attempt attempt;

    Transaction(Binary id, Attempt attempt) {
        this.id = id;
        this.attempt = attempt;
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
