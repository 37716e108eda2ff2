package io.amqpra.demo;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.time.Instant;

/**
 * Consumes the queue demo.orders on the server's embedded ActiveMQ Artemis broker (its AMQP port
 * is set in jboss-ejb3.xml from ${demo.broker.port}). A message whose body is "fail" throws: the
 * broker redelivers it, and after three deliveries the bean rejects it to the dead-letter queue.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "mode", propertyValue = "connect"),
        @ActivationConfigProperty(propertyName = "host", propertyValue = "localhost"),
        @ActivationConfigProperty(propertyName = "address", propertyValue = "demo.orders"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "3"),
        // Seconds, not a minute, between attempts while the broker's acceptor is stopped.
        @ActivationConfigProperty(propertyName = "maxReconnectDelay", propertyValue = "2000")})
public class DemoConsumer implements AmqpMessageListener {

    @EJB
    private DemoLog log;

    @Override
    public void onMessage(Message message, DeliveryContext context) {
        String body = String.valueOf(message.body());
        if ("fail".equals(body)) {
            throw new IllegalArgumentException("the demo's consumer refuses messages whose body is 'fail'");
        }
        log.record(new DemoLog.Entry(Instant.now(), context.address(), body,
                message.messageId() == null ? null : String.valueOf(message.messageId()),
                "broker " + context.remoteAddress(), context.remoteContainerId()));
    }
}
