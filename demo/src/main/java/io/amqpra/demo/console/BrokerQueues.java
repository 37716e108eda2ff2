package io.amqpra.demo.console;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many messages wait on a queue of the server's own ActiveMQ Artemis broker (WildFly's
 * standalone-full.xml, as the demo runs), read from WildFly's management model through JMX. A
 * server without that broker or queue has no answer: {@code null}, and it is not asked again.
 */
final class BrokerQueues {

    private static final Logger LOG = Logger.getLogger(BrokerQueues.class.getName());

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    private boolean absent;

    /** {@code resource} is the queue's resource under the broker, such as {@code jms-queue=DLQ}. */
    BrokerQueues(String resource) {
        try {
            name = new ObjectName("jboss.as:subsystem=messaging-activemq,server=default," + resource);
        } catch (JMException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    /** Messages on the queue now, or {@code null} if the server has no such queue. */
    Long depth() {
        if (absent) {
            return null;
        }
        try {
            return ((Number) server.getAttribute(name, "messageCount")).longValue();
        } catch (InstanceNotFoundException e) {
            LOG.fine(() -> "No " + name + ": the console shows no depth for it");
            absent = true;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read " + name, e);
        }
        return null;
    }
}
