package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.SendTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FailureTest {

    @Test
    void aPeerThatNeverAnswersMakesTheSendTimeOut() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "void", 10);
            peer.expectTransfer().withNonNullPayload();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setSendTimeout(300L);
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                long start = System.nanoTime();
                SendTimeoutException e = assertThrows(SendTimeoutException.class,
                        () -> connection.send("void", Message.of("lost?")));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(e.getMessage().contains("sendTimeout"), e.getMessage());
                assertTrue(tookMillis >= 300, "gave up early: " + tookMillis);
            }
        }
    }

    @Test
    void aPeerThatClosesWithAnErrorFailsTheSendsInFlight() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "doomed", 10);
            peer.expectTransfer().withNonNullPayload();
            peer.remoteClose().withErrorCondition("amqp:internal-error", "broker on fire").queue();
            peer.expectClose();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                CompletableFuture<Outcome> send = connection.sendAsync("doomed", Message.of("x")).toCompletableFuture();
                ExecutionException e = assertThrows(ExecutionException.class, () -> send.get(5, TimeUnit.SECONDS));
                ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, e.getCause());
                assertEquals("amqp:internal-error", lost.errorCondition());
                assertTrue(lost.getMessage().contains("broker on fire"), lost.getMessage());
            }
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedLinkFailsTheSendWithThePeersError() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofSender().reject(true, "amqp:not-found", "no such queue");
            peer.expectDetach();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                AmqpException e = assertThrows(AmqpException.class,
                        () -> connection.send("missing", Message.of("x")));
                assertEquals("amqp:not-found", e.errorCondition());
                assertTrue(e.getMessage().contains("no such queue"), e.getMessage());
            }
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDroppedConnectionFailsTheSendInFlight() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "q", 10);
            peer.expectTransfer().withNonNullPayload();
            peer.dropAfterLastHandler();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                ConnectionLostException e = assertThrows(ConnectionLostException.class,
                        () -> connection.send("q", Message.of("x")));
                assertTrue(e.getMessage().contains("lost"), e.getMessage());
            }
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void nothingListeningFailsGetConnectionClearly() throws Exception {
        int port;
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.start();
            port = peer.getServerURI().getPort();
        }
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        mcf.setReconnect(false);
        AmqpException e = assertThrows(AmqpException.class, () -> PeerSupport.factory(mcf).getConnection());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void wrongCredentialsAreReportedAsAnAuthenticationFailure() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectFailingSASLPlainConnect((byte) 1);
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setUsername("alice");
            mcf.setPassword("wrong");
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> PeerSupport.factory(mcf).getConnection());
            assertTrue(e.getMessage().contains("alice"), e.getMessage());
            assertTrue(!e.getMessage().contains("wrong"), "password in message: " + e.getMessage());
        }
    }

    @Test
    void plainCredentialsAreSent() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLPlainConnect("alice", "secret");
            peer.expectOpen().respond();
            peer.expectBegin().respond();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setUsername("alice");
            mcf.setPassword("secret");
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void containerManagedSignOnUsesTheSubjectsPasswordCredential() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLPlainConnect("carol", "from-realm");
            peer.expectOpen().respond();
            peer.expectBegin().respond();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setUsername("configured");
            mcf.setPassword("ignored");
            javax.security.auth.Subject subject = new javax.security.auth.Subject();
            jakarta.resource.spi.security.PasswordCredential credential =
                    new jakarta.resource.spi.security.PasswordCredential("carol", "from-realm".toCharArray());
            credential.setManagedConnectionFactory(mcf);
            subject.getPrivateCredentials().add(credential);
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(subject, null);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            // Matching compares credentials: the same subject matches, configured ones do not.
            assertEquals(mc, mcf.matchManagedConnections(java.util.Set.of(mc), subject, null));
            assertEquals(null, mcf.matchManagedConnections(java.util.Set.of(mc), null, null));
        }
    }

    /** Payara gives container-managed sign-on an empty user name when the pool sets none. */
    @Test
    void aContainerCredentialWithoutUserNameLeavesTheConfiguredSignOn() throws Exception {
        signsOn(ProtonTestServer::expectSASLAnonymousConnect, null, "", null);
    }

    /** Review finding: the empty credential must not hide the application's own sign-on. */
    @Test
    void anEmptyContainerCredentialLeavesApplicationSignOn() throws Exception {
        signsOn(peer -> peer.expectSASLPlainConnect("bob", "pw"), null, "", new Credentials("bob", "pw"));
    }

    /** Payara passes the pool's username, but not its (lower-case) password property. */
    @Test
    void aContainerCredentialWithTheConfiguredUserAndNoPasswordTakesTheConfiguredPassword() throws Exception {
        signsOn(peer -> peer.expectSASLPlainConnect("alice", "secret"), "alice", "alice", null);
    }

    /**
     * Opens one managed connection, configured with {@code configuredUser} and the password
     * "secret" (none when {@code null}), for a subject whose container credential names
     * {@code containerUser} without a password, and {@code info}; the peer expects {@code login}.
     */
    private static void signsOn(java.util.function.Consumer<ProtonTestServer> login, String configuredUser,
                                String containerUser, jakarta.resource.spi.ConnectionRequestInfo info) throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            login.accept(peer);
            peer.expectOpen().respond();
            peer.expectBegin().respond();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            if (configuredUser != null) {
                mcf.setUsername(configuredUser);
                mcf.setPassword("secret");
            }
            mcf.createManagedConnection(subjectWith(mcf, containerUser, ""), info);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    private static javax.security.auth.Subject subjectWith(AmqpManagedConnectionFactory mcf, String user, String pass) {
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        jakarta.resource.spi.security.PasswordCredential credential =
                new jakarta.resource.spi.security.PasswordCredential(user, pass.toCharArray());
        credential.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(credential);
        return subject;
    }

    @Test
    void applicationSignOnUsesItsOwnConnection() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLPlainConnect("bob", "pw");
            peer.expectOpen().respond();
            peer.expectBegin().respond();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection("bob", "pw")) {
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }
}
