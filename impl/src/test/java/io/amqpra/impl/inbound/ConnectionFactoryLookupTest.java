package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.Await;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consuming bean that names one of the adapter's connection factories by its JNDI name
 * ({@code connectionFactoryLookup}) connects with that factory's settings; the connection
 * properties it sets itself override them; a name no factory has fails its activation, with the
 * names there are. Against an embedded Artemis, the factory and the adapter as a server would
 * set them up (the factory associated with the adapter, then bound under its name).
 */
@Timeout(60)
class ConnectionFactoryLookupTest {

    private static final String NAME = "java:/amqp/Broker";

    @Test
    void aBeanNamingAConnectionFactoryConsumesFromThatFactorysBroker() throws Exception {
        try (TestBroker broker = TestBroker.start(); Adapter adapter = new Adapter()) {
            AmqpConnectionFactory factory = adapter.define(NAME, broker.port());
            Set<Object> seen = ConcurrentHashMap.newKeySet();
            adapter.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.messageId())), consumer(NAME, "orders"));
            send(factory, "orders", 20);
            Await.until("the bean to get all 20", Duration.ofSeconds(30), () -> seen.size() == 20);
            assertEquals(0, broker.awaitMessageCount("orders", 0), "left on the broker");
        }
    }

    @Test
    void aConnectionPropertyTheBeanSetsItselfOverridesTheFactorys() throws Exception {
        try (TestBroker broker = TestBroker.start(); Adapter adapter = new Adapter()) {
            adapter.define(NAME, TestBroker.freePort()); // no broker there
            AmqpConnectionFactory direct = adapter.define("java:/amqp/Direct", broker.port());
            Set<Object> seen = ConcurrentHashMap.newKeySet();
            AmqpActivationSpec spec = consumer(NAME, "invoices");
            spec.setPort(broker.port());
            adapter.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.messageId())), spec);
            send(direct, "invoices", 10);
            Await.until("the bean to get all 10 from the port it set", Duration.ofSeconds(30), () -> seen.size() == 10);
        }
    }

    @Test
    void aNameNoFactoryIsBoundUnderFailsTheActivationWithTheNamesThereAre() throws Exception {
        try (Adapter adapter = new Adapter()) {
            adapter.define(NAME, TestBroker.freePort());
            AmqpActivationSpec spec = consumer("java:/amqp/Brokr", "orders");
            ResourceException e = assertThrows(ResourceException.class,
                    () -> adapter.activate(new TestContainer.Endpoint((m, c) -> { }), spec));
            String text = e.getMessage();
            assertTrue(text.contains("'connectionFactoryLookup'") && text.contains("'java:/amqp/Brokr'")
                    && text.contains(NAME), text);
        }
    }

    private static AmqpActivationSpec consumer(String factory, String queue) {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setMode("connect");
        spec.setConnectionFactoryLookup(factory);
        spec.setAddress(queue);
        return spec;
    }

    private static void send(AmqpConnectionFactory factory, String queue, int count) throws Exception {
        try (AmqpConnection c = factory.getConnection()) {
            for (int i = 0; i < count; i++) {
                c.send(queue, Message.builder().body("m" + i).messageId(queue + i).build()).requireAccepted();
            }
        }
    }

    /** A started resource adapter, without a server: the test plays the server's part. */
    private static final class Adapter implements AutoCloseable {
        private final TestContainer container = new TestContainer();
        private final AmqpResourceAdapter ra = new AmqpResourceAdapter();

        Adapter() throws Exception {
            ra.start(TestContainer.bootstrap(container.workManager));
        }

        /**
         * A connection factory of this adapter to the broker on {@code port}, bound under
         * {@code jndiName}: associated with the adapter, then told its reference, as WildFly does.
         */
        AmqpConnectionFactory define(String jndiName, int port) throws Exception {
            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            mcf.setHost("127.0.0.1");
            mcf.setPort(port);
            AmqpConnectionFactory factory = (AmqpConnectionFactory) mcf.createConnectionFactory();
            factory.setReference(new Reference(jndiName));
            return factory;
        }

        void activate(TestContainer.Endpoint bean, AmqpActivationSpec spec) throws ResourceException {
            spec.setResourceAdapter(ra);
            ra.endpointActivation(bean, spec);
        }

        @Override
        public void close() {
            ra.stop();
            container.close();
        }
    }
}
