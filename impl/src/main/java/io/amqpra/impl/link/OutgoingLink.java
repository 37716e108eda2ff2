package io.amqpra.impl.link;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

/**
 * A sender link to one address, reused by every send to that address on the connection. Sends
 * wait here for credit, in order; sent ones wait for the peer's outcome. Loop thread only.
 */
public final class OutgoingLink {

    private final Sender sender;
    private final Completer completer;
    private final ArrayDeque<PendingSend> waiting = new ArrayDeque<>();
    private final Set<PendingSend> unsettled = new LinkedHashSet<>();
    private long nextTag;

    public OutgoingLink(Sender sender, Completer completer) {
        this.sender = sender;
        this.completer = completer;
        sender.setContext(this);
    }

    public void offer(PendingSend send) {
        if (waiting.isEmpty() && sender.getCredit() > 0) {
            transmit(send);
        } else {
            waiting.add(send);
        }
    }

    /**
     * The peer granted credit: send what waits, skipping sends that already timed out. If it
     * asked to drain, the credit left is used up at once and the peer hears so (AMQP 1.0, 2.6.7).
     */
    public void onFlow() {
        while (sender.getCredit() > 0 && !waiting.isEmpty()) {
            PendingSend send = waiting.poll();
            if (!send.done) {
                transmit(send);
            }
        }
        if (sender.getDrain() && waiting.isEmpty() && sender.getCredit() > 0) {
            sender.drained();
        }
    }

    private void transmit(PendingSend send) {
        Delivery delivery = sender.delivery(tag(nextTag++));
        delivery.setContext(send);
        if (send.txnId != null) {
            TransactionalState state = new TransactionalState();
            state.setTxnId(send.txnId);
            delivery.disposition(state); // the transfer carries it: the message is part of the transaction
        }
        sender.send(send.payload, 0, send.payload.length);
        sender.advance();
        send.delivery = delivery;
        unsettled.add(send);
    }

    /** The peer updated a delivery: a terminal outcome completes the send. */
    public void onDelivery(Delivery delivery) {
        PendingSend send = (PendingSend) delivery.getContext();
        Outcome outcome = outcome(delivery.getRemoteState());
        if (outcome == null && !delivery.remotelySettled()) {
            return; // not terminal yet
        }
        delivery.settle();
        if (send == null) {
            return;
        }
        unsettled.remove(send);
        if (outcome == null) {
            send.fail(MESSAGES.settledWithoutOutcome(send.address), completer);
        } else {
            send.complete(outcome, completer);
        }
    }

    /**
     * Called by the timeout sweep for a send that got no outcome in time. One still waiting for
     * credit leaves the queue: the caller was told it failed, so it must never go out.
     */
    public void forget(PendingSend send) {
        if (send.delivery == null) {
            waiting.remove(send); // mostly the head: sends time out in the order they came
            return;
        }
        unsettled.remove(send);
        // Settle locally so that a late outcome finds nothing to complete.
        send.delivery.setContext(null);
        send.delivery.settle();
    }

    /** Whether nothing waits for credit here and nothing sent waits for its outcome. */
    public boolean isIdle() {
        return waiting.isEmpty() && unsettled.isEmpty();
    }

    /** Detaches the link (closing it at the peer); only an idle one, so that no send is lost. */
    public void close() {
        sender.close();
    }

    /**
     * The connection under this link is gone. Sends not yet transmitted go to {@code into}, in
     * order, after those transmitted without an outcome: those are resent too with
     * {@code resend}, and fail with {@code unknownOutcome} without it. Transactional sends fail
     * with {@code transactionLost}, sent or not: their transaction ended with the connection.
     */
    public void drainInto(List<PendingSend> into, boolean resend, AmqpException unknownOutcome,
                          AmqpException transactionLost) {
        for (PendingSend send : unsettled) {
            if (send.done) {
                continue;
            }
            send.delivery = null;
            if (send.txnId != null) {
                send.fail(transactionLost, completer);
            } else if (resend) {
                into.add(send);
            } else {
                send.fail(unknownOutcome, completer);
            }
        }
        unsettled.clear();
        for (PendingSend send : waiting) {
            if (send.txnId != null) {
                send.fail(transactionLost, completer);
            } else if (!send.done) {
                into.add(send);
            }
        }
        waiting.clear();
    }

    /** The link or connection ended: every send still here fails with {@code error}. */
    public void failAll(AmqpException error) {
        for (PendingSend send : waiting) {
            send.fail(error, completer);
        }
        waiting.clear();
        for (PendingSend send : unsettled) {
            send.fail(error, completer);
        }
        unsettled.clear();
    }

    public static Outcome outcome(DeliveryState state) {
        if (state instanceof TransactionalState transactional) {
            // The outcome the message will have if its transaction commits.
            return transactional.getOutcome() instanceof DeliveryState inner ? outcome(inner) : null;
        }
        if (state instanceof Accepted) {
            return Outcome.accepted();
        }
        if (state instanceof Rejected rejected) {
            ErrorCondition error = rejected.getError();
            return Outcome.rejected(error == null || error.getCondition() == null ? null
                    : error.getCondition().toString(), error == null ? null : error.getDescription());
        }
        if (state instanceof Released) {
            return Outcome.released();
        }
        if (state instanceof Modified modified) {
            return Outcome.modified(Boolean.TRUE.equals(modified.getDeliveryFailed()),
                    Boolean.TRUE.equals(modified.getUndeliverableHere()));
        }
        return null;
    }

    private static byte[] tag(long n) {
        // Shortest big-endian form: small tags keep transfer frames small.
        int len = Math.max(1, (64 - Long.numberOfLeadingZeros(n) + 7) / 8);
        byte[] tag = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            tag[i] = (byte) n;
            n >>>= 8;
        }
        return tag;
    }
}
