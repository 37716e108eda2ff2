package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.client.AmqpClientConnection;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.message.MessageCodec;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** A received message and its settlement, tied to the handle that received it. */
final class ReceivedMessageImpl implements ReceivedMessage {

    private static final long SETTLE_TIMEOUT_MILLIS = 10_000;

    private final AmqpConnectionHandle handle;
    private final AmqpClientConnection client;
    private final String address;
    private final IncomingDelivery delivery;
    private final Message message;
    private boolean settled;

    private ReceivedMessageImpl(AmqpConnectionHandle handle, AmqpClientConnection client, String address,
                                IncomingDelivery delivery, Message message) {
        this.handle = handle;
        this.client = client;
        this.address = address;
        this.delivery = delivery;
        this.message = message;
    }

    static ReceivedMessageImpl of(AmqpConnectionHandle handle, AmqpClientConnection client,
                                  String address, IncomingDelivery delivery) throws AmqpException {
        Message message;
        try {
            message = MessageCodec.decode(delivery.bytes(), delivery.length());
        } catch (RuntimeException e) {
            // Undecodable: reject it so the peer can dead-letter it instead of redelivering forever.
            Rejected rejected = new Rejected();
            rejected.setError(new ErrorCondition(Symbol.valueOf("amqp:decode-error"), String.valueOf(e.getMessage())));
            client.receiving().settle(delivery, rejected);
            throw MESSAGES.undecodableRejected(address, e.getMessage(), "amqp:decode-error");
        }
        return new ReceivedMessageImpl(handle, client, address, delivery, message);
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public long deliveryCount() {
        return message.deliveryCount();
    }

    @Override
    public void accept() throws AmqpException {
        settle(Accepted.getInstance());
    }

    @Override
    public void reject(String condition, String description) throws AmqpException {
        Rejected rejected = new Rejected();
        if (condition != null) {
            rejected.setError(new ErrorCondition(Symbol.valueOf(condition), description));
        }
        settle(rejected);
    }

    @Override
    public void release() throws AmqpException {
        settle(Released.getInstance());
    }

    @Override
    public void modify(boolean deliveryFailed, boolean undeliverableHere) throws AmqpException {
        Modified modified = new Modified();
        modified.setDeliveryFailed(deliveryFailed);
        modified.setUndeliverableHere(undeliverableHere);
        settle(modified);
    }

    private synchronized void settle(DeliveryState outcome) throws AmqpException {
        if (settled) {
            throw MESSAGES.alreadySettled();
        }
        if (delivery.presettled()) {
            settled = true; // the peer sent it settled and wants no outcome: nothing to send
            return;
        }
        if (handle.isClosed()) {
            throw MESSAGES.receivingHandleClosed();
        }
        try {
            // In a transaction, the outcome takes effect when it commits.
            client.receiving().settle(delivery, outcome, handle.transaction())
                    .get(SETTLE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            settled = true;
        } catch (ExecutionException e) {
            throw AmqpConnectionHandle.asAmqp(e.getCause());
        } catch (TimeoutException e) {
            throw MESSAGES.settleTimedOut(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MESSAGES.settleInterrupted(address);
        }
    }
}
