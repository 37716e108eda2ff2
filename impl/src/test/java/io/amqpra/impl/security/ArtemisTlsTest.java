package io.amqpra.impl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.impl.broker.TestBroker;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outgoing TLS and mutual TLS against an independent server: Artemis's TLS acceptor. */
@Timeout(60)
class ArtemisTlsTest {

    @Test
    void mutualTlsToArtemis() throws Exception {
        String pw = TestCertificates.PASSWORD;
        String acceptor = ";sslEnabled=true;keyStorePath=" + TestCertificates.path("server") + ";keyStorePassword=" + pw
                + ";keyStoreType=PKCS12;needClientAuth=true;trustStorePath=" + TestCertificates.path("server-trust")
                + ";trustStorePassword=" + pw + ";trustStoreType=PKCS12";
        try (TestBroker broker = TestBroker.start(0, false, acceptor)) {
            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setHost("localhost");
            mcf.setPort(broker.port());
            mcf.setTransport("tls");
            mcf.setTrustStore(TestCertificates.path("client-trust"));
            mcf.setTrustStorePassword(pw);
            mcf.setReconnect(false);
            mcf.setConnectTimeout(5_000L);
            AmqpException e = assertThrows(AmqpException.class,
                    () -> ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection().close());
            assertTrue(e.getMessage().contains("localhost:" + broker.port()), e.getMessage());

            mcf.setKeyStore(TestCertificates.path("client"));
            mcf.setKeyStorePassword(pw);
            try (AmqpConnection c = ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
                c.send("tls-queue", Message.of("over mutual tls")).requireAccepted();
            }
            assertEquals(1, broker.awaitMessageCount("tls-queue", 1));
        }
    }
}
