package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** A second bean on the same port as {@link OrdersBean}, serving "audit.*". */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "audit.*"),
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class AuditBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("audit", context.address() + ":" + message.bodyAsString());
    }
}
