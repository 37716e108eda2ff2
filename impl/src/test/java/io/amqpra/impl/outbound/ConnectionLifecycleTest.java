package io.amqpra.impl.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.Message;
import io.amqpra.impl.Await;
import io.amqpra.impl.Heartbeats;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectionLifecycleTest {

    @Test
    void openAnnouncesContainerHostnameAndIdleTimeoutAndDestroyClosesCleanly() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLAnonymousConnect();
            peer.expectOpen().withContainerId(org.hamcrest.Matchers.startsWith("app-1-")).withHostname("vhost.example").respond();
            peer.expectBegin().respond();
            peer.expectClose().respond();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setContainerId("app-1");
            mcf.setVirtualHost("vhost.example");
            mcf.setIdleTimeout(20_000L);
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            mc.destroy();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void handlesFireClosedEventsAndTheConnectionIsReused() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            PeerSupport.expectConnect(peer); // exactly one connection for all the handles below
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            Object first;
            try (AmqpConnection c = cf.getConnection()) {
                first = c;
            }
            for (int i = 0; i < 10; i++) {
                try (AmqpConnection c = cf.getConnection()) {
                    assertNotSame(first, c);
                }
            }
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClosedHandleCannotBeUsed() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            PeerSupport.expectConnect(peer);
            peer.start();
            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            AmqpConnection c = cf.getConnection();
            c.close();
            c.close(); // twice is fine
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send("q", Message.of("x")));
            assertTrue(e.getMessage().contains("closed"));
        }
    }

    @Test
    void aLostConnectionIsReportedToThePoolAsAnError() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            PeerSupport.expectConnect(peer);
            java.util.concurrent.BlockingQueue<ConnectionEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
            peer.start();
            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);

            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            mc.addConnectionEventListener(new Recorder(events));
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            peer.expectClose();
            peer.remoteClose().withErrorCondition("amqp:connection:forced", "maintenance").now();
            ConnectionEvent event = events.poll(5, TimeUnit.SECONDS);
            assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, event.getId());
            assertTrue(event.getException().getMessage().contains("maintenance"));
            assertTrue(mcf.getInvalidConnections(java.util.Set.of(mc)).contains(mc));
            assertEquals(null, mcf.matchManagedConnections(java.util.Set.of(mc), null, null));
        }
    }

    @Test
    void aFrozenPeerIsDetectedWithinTheIdleTimeoutAndTenPercent() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            java.util.concurrent.atomic.AtomicLong lastFrame = new java.util.concurrent.atomic.AtomicLong();
            peer.expectSASLAnonymousConnect();
            peer.expectOpen().respond();
            peer.expectBegin().respond();
            peer.execute(() -> lastFrame.set(System.nanoTime())).queue(); // then the peer freezes
            peer.expectClose().withError("amqp:resource-limit-exceeded", "local-idle-timeout expired");
            java.util.concurrent.BlockingQueue<ConnectionEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
            peer.start();
            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setIdleTimeout(1_000L);

            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            mc.addConnectionEventListener(new Recorder(events));
            ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFrame.get());
            assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, event.getId());
            assertTrue(event.getException().getMessage().contains("idle"), event.getException().getMessage());
            // The time of the peer's last frame is taken just after it was written: a little late.
            assertTrue(tookMillis >= 900, "detected too early: " + tookMillis + " ms");
            assertTrue(tookMillis <= 1_100, "detected too late: " + tookMillis + " ms");
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void heartbeatsGoOutAtHalfTheTimeoutThePeerAdvertised() throws Exception {
        java.util.List<Long> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLAnonymousConnect();
            peer.expectOpen().respond().withIdleTimeOut(1_000);
            peer.expectBegin().respond();
            for (int i = 0; i < 5; i++) {
                peer.expectEmptyFrame().withCapture(heartbeat -> frames.add(System.nanoTime()));
            }
            peer.expectEmptyFrame().optional(); // one more may beat the close below
            peer.expectClose().respond();
            peer.start();
            // Our own idleTimeout stays at its default, a minute: the silent peer is fine here.
            AmqpManagedConnection mc = (AmqpManagedConnection) PeerSupport.mcf(peer).createManagedConnection(null, null);
            Await.until(() -> "five heartbeats, saw " + frames.size(), Duration.ofSeconds(10), () -> frames.size() == 5);
            mc.destroy();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        Heartbeats.assertSpacedAtHalfOf(frames, 1_000);
    }

    private record Recorder(java.util.Queue<ConnectionEvent> events) implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }
}
