package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.status.ResourceStatus.Kind;
import io.amqpra.impl.AmqpResourceAdapter;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import java.util.List;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

/**
 * WildFly starts one instance of the adapter for the rar, and one more for each connection factory
 * an application defines with {@code @ConnectionFactoryDefinition}: a factory's status shows them
 * all, as the health checks do.
 */
class AdapterStatusTest {

    @Test
    void aFactorysStatusShowsEveryStartedInstanceOfTheAdapter() throws Exception {
        try (TestContainer container = new TestContainer()) {
            AmqpResourceAdapter rars = new AmqpResourceAdapter();
            AmqpResourceAdapter applications = new AmqpResourceAdapter();
            rars.start(TestContainer.bootstrap(container.workManager));
            applications.start(TestContainer.bootstrap(container.workManager));
            try {
                AmqpConnectionFactory factory = define(rars, "java:/amqp/ConnectionFactory");
                define(applications, "java:app/amqp/Broker");

                assertEquals(List.of("java:/amqp/ConnectionFactory", "java:app/amqp/Broker"), factoryNames(factory));

                applications.stop();
                assertEquals(List.of("java:/amqp/ConnectionFactory"), factoryNames(factory),
                        "a stopped instance is no longer shown");
            } finally {
                rars.stop();
                applications.stop();
            }
        }
    }

    private static List<String> factoryNames(AmqpConnectionFactory factory) {
        return factory.status().resources().stream().filter(r -> r.kind() == Kind.CONNECTION_FACTORY)
                .map(r -> r.name()).sorted().toList();
    }

    private static AmqpConnectionFactory define(AmqpResourceAdapter ra, String jndiName) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        mcf.setHost("127.0.0.1");
        AmqpConnectionFactory factory = (AmqpConnectionFactory) mcf.createConnectionFactory();
        factory.setReference(new Reference(jndiName));
        assertTrue(factory.status().live());
        return factory;
    }
}
