package org.apache.qpid.jms.provider.amqp.message;

import jakarta.jms.Message;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.proton.amqp.Symbol;

/**
 * Reads AMQP message annotations of a message Qpid JMS received. JMS has no API for them, and
 * Qpid JMS keeps its accessor package-private, so this test-only class lives in its package.
 */
public final class AnnotationPeek {

    private AnnotationPeek() {
    }

    public static Object messageAnnotation(Message message, String key) {
        AmqpJmsMessageFacade facade = (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
        return facade.getMessageAnnotation(Symbol.valueOf(key));
    }
}
