package io.amqpra.bench.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/**
 * Sends in container-managed transactions, one transaction per call: through this adapter's
 * connection factory (an AMQP local transaction, joined to JTA) or through the Artemis resource
 * adapter's pooled connection factory (XA). A commit that fails throws to the caller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TxSender {

    private static final byte[] KIB = new byte[1024];
    private static final Message MESSAGE = Message.of(KIB);

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory ours;

    @Resource(lookup = "java:/jms/BenchRemote")
    private ConnectionFactory artemis;

    /** {@code count} sends in one transaction through this adapter. */
    public void ours(String address, int count) throws AmqpException {
        try (AmqpConnection c = ours.getConnection()) {
            if (count == 1) {
                c.send(address, MESSAGE).requireAccepted();
                return;
            }
            for (int i = 0; i < count; i++) {
                c.sendAsync(address, MESSAGE); // the commit waits for every outcome, and fails on any refused
            }
        }
    }

    /** {@code count} sends in one transaction through the Artemis resource adapter. */
    public void artemis(String queue, int count) {
        try (JMSContext context = artemis.createContext()) {
            Queue destination = context.createQueue(queue);
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < count; i++) {
                producer.send(destination, KIB);
            }
        }
    }
}
