package io.amqpra.it.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Listens on the IPv6 loopback only. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "host", propertyValue = "::1"),
        @ActivationConfigProperty(propertyName = "address", propertyValue = "v6"),
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class Ipv6Bean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("v6", context.remoteAddress());
    }
}
