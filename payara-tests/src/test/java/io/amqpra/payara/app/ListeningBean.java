package io.amqpra.payara.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Listens for AMQP peers ({@code mode=listen}, the default) on the host and port its
 * {@code glassfish-ejb-jar.xml} gives, serving "orders"; refuses a body "fail" by throwing.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "orders"),
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class ListeningBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        if ("fail".equals(message.bodyAsString())) {
            throw new IllegalArgumentException("refusing 'fail'");
        }
        inbox.record("ListeningBean", context.address() + ":" + message.bodyAsString());
    }
}
