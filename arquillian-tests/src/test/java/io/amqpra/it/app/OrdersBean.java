package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Listens where its deployment descriptor says (the tests pick the port); serves "orders".
 * Refuses bodies starting with "fail" by throwing, and answers requests that have a reply-to.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "orders,orders.*"),
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class OrdersBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) throws Exception {
        String body = message.bodyAsString();
        if (body != null && body.startsWith("fail")) {
            throw new IllegalArgumentException("refusing '" + body + "'");
        }
        if (message.replyTo() != null) {
            context.reply(Message.of("pong: " + body)).toCompletableFuture().join().requireAccepted();
        }
        inbox.record(context.address(), String.valueOf(message.messageId()));
    }
}
