package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.impl.message.MessageCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/** What the endpoint sees of an incoming message's origin, and the outcome it chose. */
final class InboundDeliveryContext implements DeliveryContext {

    private final Inbound inbound;
    private final Message message;
    private volatile DeliveryState chosen;

    InboundDeliveryContext(Inbound inbound, Message message) {
        this.inbound = inbound;
        this.message = message;
    }

    DeliveryState chosen() {
        return chosen;
    }

    @Override
    public String address() {
        return inbound.address();
    }

    @Override
    public String remoteContainerId() {
        return inbound.remoteContainerId();
    }

    @Override
    public String remoteAddress() {
        return inbound.remoteAddress();
    }

    @Override
    public String linkName() {
        return inbound.linkName();
    }

    @Override
    public String user() {
        return inbound.user();
    }

    @Override
    public boolean presettled() {
        return inbound.presettled();
    }

    @Override
    public void accept() {
        chosen = Accepted.getInstance();
    }

    @Override
    public void reject(String condition, String description) {
        chosen = EndpointWork.rejected(condition == null ? "amqp:internal-error" : condition, description);
    }

    @Override
    public void release() {
        chosen = Released.getInstance();
    }

    @Override
    public void modify(boolean deliveryFailed, boolean undeliverableHere) {
        Modified modified = new Modified();
        modified.setDeliveryFailed(deliveryFailed);
        modified.setUndeliverableHere(undeliverableHere);
        chosen = modified;
    }

    @Override
    public CompletionStage<Outcome> send(String address, Message message) {
        if (address == null || address.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("address is required"));
        }
        return sendTo(address, message.toBuilder().to(address).build());
    }

    @Override
    public CompletionStage<Outcome> reply(Message reply) {
        String to = message.replyTo();
        if (to == null) {
            return CompletableFuture.failedFuture(MESSAGES.noReplyTo());
        }
        Message.Builder builder = reply.toBuilder().to(to);
        if (reply.correlationId() == null && message.messageId() != null) {
            builder.correlationId(message.messageId());
        }
        return sendTo(to, builder.build());
    }

    /** Encodes {@code message} on the caller's thread and sends it over the message's connection. */
    private CompletionStage<Outcome> sendTo(String to, Message message) {
        byte[] bytes;
        try {
            bytes = MessageCodec.encode(message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(MESSAGES.cannotEncodeReply(e.getMessage(), e));
        }
        return inbound.reply(to, bytes);
    }
}
