package io.amqpra.demo;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Listens for AMQP peers on all interfaces (port 5672 unless jboss-ejb3.xml says otherwise) and
 * takes every message sent to an address under "demo". Messages whose body is "fail" are
 * rejected, to show what a peer sees then; requests with a reply-to get an answer.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "host", propertyValue = "0.0.0.0"),
        @ActivationConfigProperty(propertyName = "address", propertyValue = "demo,demo.*"),
        // The demo lets any peer in; see the README for TLS and passwords.
        @ActivationConfigProperty(propertyName = "saslMechanisms", propertyValue = "ANONYMOUS")})
public class DemoListener implements AmqpMessageListener {

    private static final Logger LOG = Logger.getLogger(DemoListener.class.getName());

    @EJB
    private DemoLog log;

    @Override
    public void onMessage(Message message, DeliveryContext context) throws Exception {
        String body = String.valueOf(message.body());
        if ("fail".equals(body)) {
            throw new IllegalArgumentException("the demo refuses messages whose body is 'fail'");
        }
        log.record(new DemoLog.Entry(Instant.now(), context.address(), body,
                message.messageId() == null ? null : String.valueOf(message.messageId()),
                context.remoteAddress(), context.remoteContainerId()));
        if (log.received() % 1000 == 0 || log.received() < 10) {
            LOG.info(() -> "Demo listener has received " + log.received() + " messages; latest to '"
                    + context.address() + "' from " + context.remoteContainerId());
        }
        if (message.replyTo() != null) {
            context.reply(Message.of("received: " + body));
        }
    }
}
