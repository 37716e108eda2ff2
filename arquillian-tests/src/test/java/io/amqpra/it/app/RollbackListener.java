package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

/**
 * A listening bean with container-managed transactions (the default: REQUIRED). A message whose
 * body starts with {@code rollback} has its transaction marked rollback-only, and the bean then
 * returns normally; every message is recorded under its address.
 */
@MessageDriven
public class RollbackListener implements AmqpMessageListener {

    @Resource
    private MessageDrivenContext ejb;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        String body = message.bodyAsString();
        Records.append(context.address(), body);
        if (body.startsWith("rollback")) {
            ejb.setRollbackOnly();
        }
    }
}
