package io.amqpra.impl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.Message;
import io.amqpra.impl.inbound.AmqpActivationSpec;
import io.amqpra.impl.inbound.InboundTestAccess;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestClient;
import org.apache.qpid.protonj2.test.driver.codec.security.SaslCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS and SASL both ways: our client against our listener, checked from the peer's side. */
@Timeout(60)
class SecurityTest {

    /** Every log record of the adapter during these tests, to check that no password is in one. */
    private static final java.util.List<String> LOG_LINES = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.util.logging.Handler CAPTURE = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord r) {
            LOG_LINES.add(new java.util.logging.SimpleFormatter().format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @org.junit.jupiter.api.BeforeAll
    static void capture() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(CAPTURE);
        java.util.logging.Logger.getLogger("io.amqpra").setLevel(java.util.logging.Level.ALL);
        CAPTURE.setLevel(java.util.logging.Level.ALL);
    }

    @org.junit.jupiter.api.AfterAll
    static void noPasswordWasLogged() {
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
        assertTrue(LOG_LINES.stream().anyMatch(l -> l.contains("AMQPRA0091") && l.contains("'alice'")),
                "the refused logins were not logged with their user: the check would prove nothing");
        for (String line : LOG_LINES) {
            for (String secret : new String[] {"secret", "guess-", "s3cret-pw", PW}) {
                assertFalse(line.contains(secret), "a password in a log line: " + line);
            }
        }
    }

    private static final String PW = TestCertificates.PASSWORD;
    private final InboundTestAccess container = new InboundTestAccess();
    private final Queue<String> users = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        container.close();
    }

    private int listen(AmqpActivationSpec spec) throws Exception {
        return container.listen(spec, (m, ctx) -> users.add(String.valueOf(ctx.user())));
    }

    private static AmqpActivationSpec tlsListener() throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("secure");
        spec.setSaslMechanisms("ANONYMOUS"); // TLS alone; tests that check passwords replace this
        spec.setKeyStore(TestCertificates.path("server"));
        spec.setKeyStorePassword(PW);
        return spec;
    }

    private static AmqpManagedConnectionFactory client(int port) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        mcf.setConnectTimeout(5_000L);
        mcf.setReconnect(false);
        return mcf;
    }

    private static AmqpManagedConnectionFactory tlsClient(int port) throws Exception {
        AmqpManagedConnectionFactory mcf = client(port);
        mcf.setTransport("tls");
        mcf.setTrustStore(TestCertificates.path("client-trust"));
        mcf.setTrustStorePassword(PW);
        return mcf;
    }

    private static void send(AmqpManagedConnectionFactory mcf) throws Exception {
        try (AmqpConnection c = ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            c.send("secure", Message.of("hello")).requireAccepted();
        }
    }

    @Test
    void tlsWorksAndAPlaintextPeerGetsNothing() throws Exception {
        int port = listen(tlsListener());
        send(tlsClient(port));
        assertEquals(1, users.size());

        AmqpException e = assertThrows(AmqpException.class, () -> send(client(port)));
        assertFalse(e instanceof AuthenticationException, e.getMessage());
        assertEquals(1, users.size(), "a plaintext peer got a message through");
    }

    @Test
    void theServerCertificateMustMatchTheHostUnlessVerificationIsOff() throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("secure");
        spec.setSaslMechanisms("ANONYMOUS");
        spec.setKeyStore(TestCertificates.path("wrongname"));
        spec.setKeyStorePassword(PW);
        int port = listen(spec);
        AmqpException e = assertThrows(AmqpException.class, () -> send(tlsClient(port)));
        assertTrue(e.getMessage().contains("TLS with 127.0.0.1:" + port + " failed"), e.getMessage());

        AmqpManagedConnectionFactory lax = tlsClient(port);
        lax.setVerifyHost(false);
        send(lax);
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        int port = listen(tlsListener());
        AmqpManagedConnectionFactory mcf = tlsClient(port);
        mcf.setTrustStore(TestCertificates.path("server-trust")); // trusts a client, not the server
        AmqpException e = assertThrows(AmqpException.class, () -> send(mcf));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    }

    @Test
    void mutualTlsNeedsATrustedClientCertificateAndExternalNamesItsSubject() throws Exception {
        AmqpActivationSpec spec = tlsListener();
        spec.setClientAuth("need");
        spec.setTrustStore(TestCertificates.path("server-trust"));
        spec.setTrustStorePassword(PW);
        spec.setSaslMechanisms("EXTERNAL");
        int port = listen(spec);

        assertThrows(AmqpException.class, () -> send(tlsClient(port)), "no client certificate");
        AmqpManagedConnectionFactory rogue = tlsClient(port);
        rogue.setKeyStore(TestCertificates.path("rogue"));
        rogue.setKeyStorePassword(PW);
        assertThrows(AmqpException.class, () -> send(rogue), "untrusted client certificate");
        assertTrue(users.isEmpty());

        AmqpManagedConnectionFactory trusted = tlsClient(port);
        trusted.setKeyStore(TestCertificates.path("client"));
        trusted.setKeyStorePassword(PW);
        send(trusted);
        assertEquals(List.of("CN=trusted-client"), List.copyOf(users));
    }

    @Test
    void saslPlainLetsTheRightUserInAndNobodyElse() throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("secure");
        spec.setAuthenticator(TestAuthenticator.class.getName());
        int port = listen(spec);

        // Our client does not even try ANONYMOUS where only PLAIN is offered; the listener's own
        // refusal of it is checked from the wire, in anAnonymousLoginFromTheWireIsRefused...
        AuthenticationException anonymous = assertThrows(AuthenticationException.class, () -> send(client(port)));
        assertTrue(anonymous.getMessage().contains("PLAIN"), anonymous.getMessage());
        for (int i = 0; i < 3; i++) {
            AmqpManagedConnectionFactory wrong = client(port);
            wrong.setUsername("alice");
            wrong.setPassword("guess-" + i);
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> send(wrong));
            assertFalse(e.getMessage().contains("guess-"), "password in the message: " + e.getMessage());
        }
        assertTrue(users.isEmpty());

        AmqpManagedConnectionFactory alice = client(port);
        alice.setUsername("alice");
        alice.setPassword("secret");
        send(alice);
        assertEquals(List.of("alice"), List.copyOf(users));
    }

    @Test
    void anAnonymousLoginFromTheWireIsRefusedWhereOnlyPlainIsOffered() throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("secure");
        spec.setAuthenticator(TestAuthenticator.class.getName()); // PLAIN only
        int port = listen(spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.remoteSASLHeader().queue();
            peer.expectSASLHeader();
            peer.expectSaslMechanisms().withSaslServerMechanisms("PLAIN");
            // What our own client would never send here: ANONYMOUS, though it is not offered.
            peer.remoteSaslInit().withMechanism("ANONYMOUS").queue();
            peer.expectSaslOutcome().withCode(SaslCode.AUTH);
            // That the socket then closes, with nothing after the outcome, SaslRefusalTest reads
            // from a plain socket: this client does not report a dropped connection reliably.
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertTrue(users.isEmpty(), "a message reached the bean: " + users);
    }

    @Test
    void plainOverTlsWorksTogether() throws Exception {
        AmqpActivationSpec spec = tlsListener();
        spec.setSaslMechanisms(null);
        spec.setAuthenticator(TestAuthenticator.class.getName());
        int port = listen(spec);
        AmqpManagedConnectionFactory alice = tlsClient(port);
        alice.setUsername("alice");
        alice.setPassword("secret");
        send(alice);
        assertEquals(List.of("alice"), List.copyOf(users));
    }

    @Test
    void aListenerMustSayWhoMayConnect() {
        AmqpActivationSpec open = InboundTestAccess.spec("x");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, open::validate);
        assertNamed("saslMechanisms", e);
        assertTrue(e.getMessage().contains("ANONYMOUS"), e.getMessage());
    }

    @Test
    void clientCertificatesAreCheckedOnlyAgainstAConfiguredTrustStore() throws Exception {
        // Without a trust store, the JDK's public CAs would vouch for any publicly issued
        // certificate, and with EXTERNAL its subject would be a user.
        for (String auth : List.of("need", "want")) {
            AmqpActivationSpec spec = tlsListener();
            spec.setClientAuth(auth);
            spec.setSaslMechanisms("EXTERNAL");
            InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
            assertNamed("clientAuth", e);
            assertTrue(e.getMessage().contains("trustStore"), e.getMessage());
        }
    }

    @Test
    void badSecuritySettingsNameTheProperty() {
        AmqpActivationSpec plainWithoutCheck = InboundTestAccess.spec("x");
        plainWithoutCheck.setSaslMechanisms("PLAIN");
        assertNamed("saslMechanisms", assertThrows(InvalidPropertyException.class, plainWithoutCheck::validate));
        AmqpActivationSpec clientAuthWithoutTls = InboundTestAccess.spec("x");
        clientAuthWithoutTls.setClientAuth("need");
        assertNamed("clientAuth", assertThrows(InvalidPropertyException.class, clientAuthWithoutTls::validate));

        AmqpManagedConnectionFactory missingStore = new AmqpManagedConnectionFactory();
        missingStore.setTransport("tls");
        missingStore.setTrustStore("/nowhere/trust.p12");
        missingStore.setTrustStorePassword("s3cret-pw");
        jakarta.resource.ResourceException e = assertThrows(jakarta.resource.ResourceException.class,
                missingStore::createConnectionFactory);
        assertNamed("trustStore", e);
        assertFalse(e.getMessage().contains("s3cret-pw"));
        AmqpManagedConnectionFactory badTransport = new AmqpManagedConnectionFactory();
        badTransport.setTransport("udp");
        assertNamed("transport", assertThrows(jakarta.resource.ResourceException.class, badTransport::createConnectionFactory));
    }

    private static void assertNamed(String property, Exception e) {
        assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
    }
}
