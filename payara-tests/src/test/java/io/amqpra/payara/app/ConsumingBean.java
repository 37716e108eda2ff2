package io.amqpra.payara.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Consumes from a broker ({@code mode=connect}): which one and which queue, its
 * {@code glassfish-ejb-jar.xml} says.
 */
@MessageDriven
public class ConsumingBean implements AmqpMessageListener {

    @EJB
    private Inbox inbox;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        inbox.record("ConsumingBean", context.address() + ":" + message.bodyAsString());
    }
}
