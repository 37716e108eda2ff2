package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Requires SASL PLAIN, checked by {@link AppAuthenticator}; records who sent what. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "secure"),
        @ActivationConfigProperty(propertyName = "authenticator", propertyValue = "io.amqpra.it.app.AppAuthenticator")})
public class SecureBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("secure", context.user() + ":" + message.bodyAsString());
    }
}
