package io.amqpra.bench.app;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;

/**
 * A message-driven bean consuming from the broker through this adapter's connect mode. Its
 * deployments (which queue, how many at once, transacted or not) are in {@code ejb-jar.xml}.
 */
public class OursDrainBean implements AmqpMessageListener {

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        Drain.processed(message.applicationProperties().containsKey("probe"));
    }
}
