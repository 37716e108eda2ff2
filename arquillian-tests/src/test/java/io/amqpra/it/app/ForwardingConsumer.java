package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

/**
 * Consumes ({@code mode=connect}, {@code transacted=true}) and forwards each message to
 * {@code tx.forward.out} on the same broker, without waiting for the send's outcome. The first
 * delivery of a message whose body starts with {@code fail} is rolled back after its send; each
 * delivery is recorded as {@code <body>@<delivery count>}.
 */
@MessageDriven
public class ForwardingConsumer implements AmqpMessageListener {

    @Resource
    private MessageDrivenContext ejb;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        String body = message.bodyAsString();
        context.send("tx.forward.out", Message.of("fwd:" + body));
        Records.append(context.address(), body + "@" + message.deliveryCount());
        if (body.startsWith("fail") && message.deliveryCount() == 0) {
            ejb.setRollbackOnly();
        }
    }
}
