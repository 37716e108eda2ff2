package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.impl.client.Transaction;
import io.amqpra.impl.link.IncomingDelivery;
import java.util.concurrent.CompletionStage;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * A message a consuming bean took from its broker. Its outcome goes back on the link it came on;
 * if that link is gone by then, the message is not settled at all, and the broker delivers it
 * again.
 */
final class ConsumedMessage implements Inbound {

    private final ConsumerActivation activation;
    private final IncomingDelivery delivery;
    private final int epoch;
    /** The AMQP transaction of a transacted delivery ({@code transacted=true}), or {@code null}. */
    private Transaction transaction;

    ConsumedMessage(ConsumerActivation activation, IncomingDelivery delivery, int epoch) {
        this.activation = activation;
        this.delivery = delivery;
        this.epoch = epoch;
    }

    /**
     * The connection it came on was lost: it can't be settled any more, and the broker delivers it
     * again, so a bean need not see it now.
     */
    @Override
    public boolean stale() {
        return activation.lostSince(epoch);
    }

    @Override
    public byte[] bytes() {
        return delivery.bytes();
    }

    @Override
    public void finish(DeliveryState outcome) {
        activation.settleSoon(delivery, outcome);
    }

    @Override
    public void begin() throws AmqpException {
        if (activation.options().transacted()) {
            transaction = activation.declare();
        }
    }

    /**
     * With an AMQP transaction: a commit settles the message in it and discharges it, so the
     * outcome and the bean's sends take effect together. If the message can't be settled in it
     * (its link or connection is gone), the transaction is rolled back instead: the message comes
     * again, and so must not its sends. A rollback discards the sends, then settles the message
     * outside the transaction, so that it comes back.
     */
    @Override
    public void finish(DeliveryState outcome, boolean commit) {
        Transaction txn = transaction;
        transaction = null;
        if (txn == null) {
            finish(outcome);
        } else if (commit) {
            activation.settle(delivery, outcome, txn)
                    .whenComplete((settled, error) -> activation.discharge(txn, error != null));
        } else {
            activation.discharge(txn, true);
            finish(outcome);
        }
    }

    @Override
    public String address() {
        return activation.options().address();
    }

    @Override
    public String remoteContainerId() {
        return activation.remoteContainerId();
    }

    @Override
    public String remoteAddress() {
        return activation.remoteAddress();
    }

    @Override
    public String linkName() {
        return activation.linkName();
    }

    @Override
    public String user() {
        return activation.user();
    }

    @Override
    public boolean presettled() {
        return delivery.presettled();
    }

    @Override
    public CompletionStage<Outcome> reply(String to, byte[] bytes) {
        return activation.send(to, bytes, transaction);
    }
}
