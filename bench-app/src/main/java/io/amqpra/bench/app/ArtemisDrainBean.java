package io.amqpra.bench.app;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The same bean bound to the ActiveMQ Artemis resource adapter that WildFly ships, through its
 * pooled connection factory to the benchmark's broker over Core. Deployments in {@code ejb-jar.xml}.
 */
public class ArtemisDrainBean implements MessageListener {

    @Override
    public void onMessage(Message message) {
        try {
            Drain.processed(message.propertyExists("probe"));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
