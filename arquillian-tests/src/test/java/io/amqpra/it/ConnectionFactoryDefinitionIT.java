package io.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.amqpra.impl.Http;
import io.amqpra.it.app.MessagingServlet;
import io.amqpra.it.app.OwnFactoryServlet;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.net.URL;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application defines its own connection factory on the deployed rar, in its web.xml (the
 * descriptor form of {@code @ConnectionFactoryDefinition}), pointed at a second broker; the
 * rar's default factory keeps pointing at the first.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(BrokerSetup.class)
@RunAsClient
class ConnectionFactoryDefinitionIT {

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Deployments.rar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() throws Exception {
        String webXml = """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <connection-factory>
                    <name>java:app/amqp/Own</name>
                    <interface-name>io.amqpra.api.AmqpConnectionFactory</interface-name>
                    <resource-adapter>amqp-ra</resource-adapter>
                    <property><name>host</name><value>127.0.0.1</value></property>
                    <property><name>port</name><value>%d</value></property>
                    <property><name>sendTimeout</name><value>5000</value></property>
                  </connection-factory>
                </web-app>
                """.formatted(Brokers.secondary().port());
        return Deployments.app("own-factory.war", OwnFactoryServlet.class, MessagingServlet.class)
                .setWebXML(new StringAsset(webXml));
    }

    @Test
    void theApplicationsOwnFactoryReachesItsOwnBroker() throws Exception {
        assertEquals("ACCEPTED", Http.get(app, "own?address=own-factory"));
        assertEquals("{ACCEPTED=1}", Http.get(app, "amqp/send?address=default-factory&count=1"));

        try (JMSContext second = new JmsConnectionFactory(Brokers.secondary().uri()).createContext();
             JMSContext first = new JmsConnectionFactory(Brokers.primary().uri()).createContext()) {
            TextMessage viaOwn = (TextMessage) second.createConsumer(second.createQueue("own-factory")).receive(10_000);
            assertNotNull(viaOwn, "the application's factory did not use its own broker");
            assertEquals("message 0", viaOwn.getText());
            assertNull(first.createConsumer(first.createQueue("own-factory")).receive(200));
            assertNotNull(first.createConsumer(first.createQueue("default-factory")).receive(10_000),
                    "the default factory moved away from the first broker");
        }
    }
}
