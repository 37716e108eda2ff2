package io.amqpra.impl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.amqpra.impl.inbound.AmqpActivationSpec;
import io.amqpra.impl.inbound.InboundTestAccess;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Qpid JMS, an independent client, against a listener that requires TLS and SASL PLAIN. */
@Timeout(60)
class QpidJmsSecurityTest {

    private final InboundTestAccess container = new InboundTestAccess();

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void qpidJmsGetsInOverTlsWithTheRightPasswordOnly() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        AmqpActivationSpec spec = InboundTestAccess.spec("orders");
        spec.setKeyStore(TestCertificates.path("server"));
        spec.setKeyStorePassword(TestCertificates.PASSWORD);
        spec.setAuthenticator(TestAuthenticator.class.getName());
        int port = container.listen(spec, (m, ctx) -> seen.add(ctx.user() + ":" + m.bodyAsString()));
        String tls = "amqps://localhost:" + port + "?transport.trustStoreLocation=" + TestCertificates.path("client-trust")
                + "&transport.trustStorePassword=" + TestCertificates.PASSWORD + "&transport.trustStoreType=PKCS12"
                + "&transport.verifyHost=true";

        try (JMSContext jms = new JmsConnectionFactory("alice", "secret", tls).createContext()) {
            jms.createProducer().send(jms.createQueue("orders"), "over tls");
        }
        assertEquals(List.of("alice:over tls"), List.copyOf(seen));

        assertThrows(JMSRuntimeException.class,
                () -> new JmsConnectionFactory("alice", "wrong", tls).createContext().close());
        String plaintext = "amqp://localhost:" + port + "?amqp.saslLayer=true&jms.connectTimeout=3000";
        assertThrows(JMSRuntimeException.class,
                () -> new JmsConnectionFactory("alice", "secret", plaintext).createContext().close());
        assertEquals(1, seen.size());
    }
}
