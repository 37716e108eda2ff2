package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Listens with TLS only; its key store comes from the deployment descriptor. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "address", propertyValue = "tls"),
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class TlsBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("tls", message.bodyAsString());
    }
}
