package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Peers log in with users of WildFly's ApplicationDomain (application-users.properties). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "realm"),
        @ActivationConfigProperty(propertyName = "securityDomain", propertyValue = "ApplicationDomain")})
public class DomainSecuredBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("realm", context.user() + ":" + message.bodyAsString());
    }
}
