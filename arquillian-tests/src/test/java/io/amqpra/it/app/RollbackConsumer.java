package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

/**
 * A consuming bean ({@code mode=connect}) with container-managed transactions. The first
 * delivery of each message is rolled back with {@code setRollbackOnly()} after a line
 * {@code rolledback:<body>@<delivery count>}; a later delivery commits after a line
 * {@code <body>@<delivery count>}.
 */
@MessageDriven
public class RollbackConsumer implements AmqpMessageListener {

    @Resource
    private MessageDrivenContext ejb;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        String body = message.bodyAsString();
        if (message.deliveryCount() == 0) {
            Records.append(context.address(), "rolledback:" + body + "@0");
            ejb.setRollbackOnly();
        } else {
            Records.append(context.address(), body + "@" + message.deliveryCount());
        }
    }
}
