package io.amqpra.bench;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;

/** How fast sends work again after the broker comes back, or after the active broker dies. */
final class Recovery {

    private Recovery() {
    }

    /**
     * Milliseconds from the broker being back to the first accepted send. The connection retries
     * every 10 ms at most, so this is the recovery itself plus at most one retry interval.
     */
    static double afterRestart() throws Exception {
        try (TestBroker broker = TestBroker.startOnFreePort(false)) {
            int port = broker.port();
            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setHost("127.0.0.1");
            mcf.setPort(port);
            mcf.setInitialReconnectDelay(10L);
            mcf.setMaxReconnectDelay(10L);
            AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
            try (AmqpConnection c = cf.getConnection()) {
                c.send("recovery", Message.of("before")).requireAccepted();
                broker.stop();
                broker.restart();
                long back = System.nanoTime();
                c.send("recovery", Message.of("after")).requireAccepted();
                return (System.nanoTime() - back) / 1e6;
            }
        }
    }

    /** Milliseconds from killing the active broker to the first accepted send on the other. */
    static double failover() throws Exception {
        try (TestBroker first = TestBroker.start(0, false); TestBroker second = TestBroker.start(0, false)) {
            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setHost("127.0.0.1");
            mcf.setPort(first.port());
            mcf.setFailoverHosts("127.0.0.1:" + second.port());
            AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
            try (AmqpConnection c = cf.getConnection()) {
                c.send("failover", Message.of("before")).requireAccepted();
                long killed = System.nanoTime();
                first.stop();
                c.send("failover", Message.of("after")).requireAccepted();
                return (System.nanoTime() - killed) / 1e6;
            }
        }
    }
}
