package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.api.SendTimeoutException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What follows a lost connection, against two scripted peers: the primary and a failover host. */
@Timeout(30)
class ReconnectTest {

    private static AmqpManagedConnectionFactory mcf(int primaryPort, int failoverPort) {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(primaryPort);
        mcf.setFailoverHosts("127.0.0.1:" + failoverPort);
        mcf.setInitialReconnectDelay(10L);
        mcf.setMaxReconnectDelay(50L);
        mcf.setConnectTimeout(5_000L);
        mcf.setSendTimeout(10_000L);
        mcf.setReconnectLimit(50); // so that idle pooled connections give up after the test
        return mcf;
    }

    private static AmqpConnectionFactory factory(AmqpManagedConnectionFactory mcf) throws Exception {
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The first peer takes a send to "orders" and drops the connection; the second accepts one. */
    private static void dropsTheFirstSendThenAcceptsItOnTheSecond(ProtonTestServer first, ProtonTestServer second) {
        expectConnect(first);
        expectSender(first, "orders", 10);
        first.expectTransfer().withNonNullPayload();
        first.dropAfterLastHandler();
        first.start();
        expectConnect(second);
        expectSender(second, "orders", 10);
        second.expectTransfer().withNonNullPayload().accept();
        second.start();
    }

    @Test
    void aSendInFlightWhenTheConnectionDropsIsResentOnTheFailoverHost() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            dropsTheFirstSendThenAcceptsItOnTheSecond(first, second);

            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            try (AmqpConnection c = factory(mcf).getConnection()) {
                assertEquals(Outcome.accepted(), c.send("orders", Message.of("survives")));
            }
            first.waitForScriptToComplete(5, TimeUnit.SECONDS);
            second.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutResendTheInFlightSendFailsAndLaterSendsGoToTheFailoverHost() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            dropsTheFirstSendThenAcceptsItOnTheSecond(first, second);

            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            mcf.setResendOnReconnect(false);
            try (AmqpConnection c = factory(mcf).getConnection()) {
                ConnectionLostException e = assertThrows(ConnectionLostException.class,
                        () -> c.send("orders", Message.of("unknown fate")));
                assertTrue(e.getMessage().contains("may or may not"), e.getMessage());
                assertEquals(Outcome.accepted(), c.send("orders", Message.of("next")));
            }
            second.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedPrimaryFailsOverAtStartup() throws Exception {
        try (ProtonTestServer second = new ProtonTestServer()) {
            expectConnect(second);
            expectSender(second, "q", 1);
            second.expectTransfer().withNonNullPayload().accept();
            second.start();
            try (AmqpConnection c = factory(mcf(closedPort(), second.getServerURI().getPort())).getConnection()) {
                assertEquals(Outcome.accepted(), c.send("q", Message.of("x")));
            }
        }
    }

    @Test
    void aForcedCloseLeadsToAReconnect() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            expectConnect(first);
            first.start();
            expectConnect(second);
            expectSender(second, "q", 1);
            second.expectTransfer().withNonNullPayload().accept();
            second.start();

            try (AmqpConnection c = factory(mcf(first.getServerURI().getPort(), second.getServerURI().getPort()))
                    .getConnection()) {
                first.waitForScriptToComplete(5, TimeUnit.SECONDS);
                first.expectClose();
                first.remoteClose().withErrorCondition("amqp:connection:forced", "broker shutting down").now();
                first.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertEquals(Outcome.accepted(), c.send("q", Message.of("after the close")));
            }
        }
    }

    @Test
    void aRedirectIsFollowed() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer target = new ProtonTestServer()) {
            expectConnect(target);
            expectSender(target, "q", 1);
            target.expectTransfer().withNonNullPayload().accept();
            target.start();
            // The peer answers our open with a redirect (AMQP 1.0 section 2.8.15).
            first.expectSASLAnonymousConnect();
            first.expectOpen().reject("amqp:connection:redirect", "go there",
                    Map.of("network-host", "127.0.0.1", "port", target.getServerURI().getPort()));
            first.expectBegin().optional();
            first.expectClose().optional();
            first.start();

            // The failover host is closed: only the redirect can lead to the target.
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), closedPort());
            try (AmqpConnection c = factory(mcf).getConnection()) {
                assertEquals(Outcome.accepted(), c.send("q", Message.of("redirected")));
            }
            target.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFailoverListAPeerAnnouncesIsUsed() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer announced = new ProtonTestServer()) {
            expectConnect(announced);
            expectSender(announced, "q", 1);
            announced.expectTransfer().withNonNullPayload().accept();
            announced.start();
            first.expectSASLAnonymousConnect();
            first.expectOpen().respond().withProperty("failover-server-list", java.util.List.of(
                    Map.of("network-host", "127.0.0.1", "port", announced.getServerURI().getPort(), "scheme", "amqp")));
            first.expectBegin().respond();
            first.start();

            // The configured failover host is closed: only the announced list leads on.
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), closedPort());
            try (AmqpConnection c = factory(mcf).getConnection()) {
                first.waitForScriptToComplete(5, TimeUnit.SECONDS);
                first.dropConnection();
                assertEquals(Outcome.accepted(), c.send("q", Message.of("to the announced host")));
            }
            announced.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentPeerIsLeftForTheFailoverHost() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            expectConnect(first);
            first.expectClose().optional();
            first.start();
            expectConnect(second);
            expectSender(second, "q", 1);
            second.expectTransfer().withNonNullPayload().accept();
            second.start();

            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            mcf.setIdleTimeout(300L);
            try (AmqpConnection c = factory(mcf).getConnection()) {
                assertEquals(Outcome.accepted(), c.send("q", Message.of("x")));
            }
            second.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReceiveWaitingAcrossTheLossGetsItsMessageFromTheNextConnection() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            expectConnect(first);
            first.expectAttach().ofReceiver().respond();
            first.expectFlow().withLinkCredit(1);
            first.dropAfterLastHandler();
            first.start();
            expectConnect(second);
            second.expectAttach().ofReceiver().withSource().withAddress("inbox").and().respond();
            second.expectFlow().withLinkCredit(1);
            second.remoteTransfer().withDeliveryId(0).withBody().withString("from second").also().queue();
            second.expectDisposition().withSettled(true).withState().accepted();
            second.expectDetach().respond(); // the handle goes back to the pool: receivers detach
            second.start();

            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            try (AmqpConnection c = factory(mcf).getConnection()) {
                ReceivedMessage m = c.receive("inbox", Duration.ofSeconds(10)).orElseThrow();
                assertEquals("from second", m.message().bodyAsString());
                m.accept();
            }
            second.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSendDuringAnOutageTimesOutClearly() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer()) {
            expectConnect(first);
            first.dropAfterLastHandler();
            first.start();
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), closedPort());
            mcf.setSendTimeout(500L);
            try (AmqpConnection c = factory(mcf).getConnection()) {
                first.waitForScriptToComplete(5, TimeUnit.SECONDS);
                SendTimeoutException e = assertThrows(SendTimeoutException.class,
                        () -> c.send("q", Message.of("nobody there")));
                assertTrue(e.getMessage().contains("reconnecting"), e.getMessage());
            }
        }
    }

    @Test
    void anAuthenticationFailureStopsRetryingAtOnce() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            first.expectFailingSASLPlainConnect((byte) 1);
            first.start();
            second.start();
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            mcf.setUsername("alice");
            mcf.setPassword("wrong");
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> factory(mcf).getConnection());
            assertTrue(e.getMessage().contains("alice"), e.getMessage());
            assertFalse(second.hasClientConnection(), "retried after an authentication failure");
        }
    }

    @Test
    void aTemporarySaslFailureIsRetriedNotFatal() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer()) {
            first.expectFailingSASLPlainConnect((byte) 4); // sys-temp: likely to be corrected without intervention
            first.start();
            second.expectSASLPlainConnect("alice", "pw");
            second.expectOpen().respond();
            second.expectBegin().respond();
            second.start();
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), second.getServerURI().getPort());
            mcf.setUsername("alice");
            mcf.setPassword("pw");
            try (AmqpConnection c = factory(mcf).getConnection()) {
                second.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void thePoolHearsOfTheLossOnlyWhenReconnectGivesUp() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer()) {
            expectConnect(first);
            first.start();
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), closedPort());
            mcf.setReconnectLimit(3);
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
            mc.addConnectionEventListener(new ConnectionEventListener() {
                public void connectionClosed(ConnectionEvent e) { events.add(e); }
                public void connectionErrorOccurred(ConnectionEvent e) { events.add(e); }
                public void localTransactionStarted(ConnectionEvent e) { }
                public void localTransactionCommitted(ConnectionEvent e) { }
                public void localTransactionRolledback(ConnectionEvent e) { }
            });
            first.waitForScriptToComplete(5, TimeUnit.SECONDS);
            first.dropConnection();
            ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
            assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, event.getId());
            assertTrue(event.getException().getMessage().contains("Could not connect"), event.getException().getMessage());
            assertTrue(mcf.getInvalidConnections(java.util.Set.of(mc)).contains(mc));
        }
    }

    @Test
    void withReconnectOffTheLossIsReportedAtOnce() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer()) {
            expectConnect(first);
            expectSender(first, "q", 10);
            first.expectTransfer().withNonNullPayload();
            first.dropAfterLastHandler();
            first.start();
            AmqpManagedConnectionFactory mcf = mcf(first.getServerURI().getPort(), closedPort());
            mcf.setReconnect(false);
            try (AmqpConnection c = factory(mcf).getConnection()) {
                CompletableFuture<Outcome> send = c.sendAsync("q", Message.of("x")).toCompletableFuture();
                ExecutionException e = assertThrows(ExecutionException.class, () -> send.get(5, TimeUnit.SECONDS));
                assertInstanceOf(ConnectionLostException.class, e.getCause());
            }
        }
    }
}
