package io.amqpra.impl.outbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.impl.Await;
import io.amqpra.impl.LogLines;
import jakarta.resource.spi.ManagedConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads of a connection factory used without its resource adapter: in plain Java SE, or in a
 * server that never associates the factory with the adapter. They are the factory's own, and they
 * end once its connections are gone; nothing keeps running for nobody.
 */
@Timeout(60)
class FactoryThreadsTest {

    @Test
    void aFactoryWithoutItsAdapterEndsItsThreadsWithItsLastConnection() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ProtonTestServer peer = new ProtonTestServer()) {
            PeerSupport.expectConnect(peer);
            peer.expectClose().respond();
            peer.start();
            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            String name = "127.0.0.1:" + peer.getServerURI().getPort();

            ManagedConnection mc;
            try (LogLines log = LogLines.capture()) {
                mc = mcf.createManagedConnection(null, null); // as a server that never called setResourceAdapter
                assertTrue(log.anyContains("AMQPRA0180", name), "no warning naming the factory: " + log.lines());
            }
            List<String> threads = adapterThreadsSince(before);
            assertTrue(threads.stream().anyMatch(t -> t.startsWith("amqp-ra-" + name + "-loop-")),
                    "no loop thread named after the factory (the check below would prove nothing): " + threads);
            mc.destroy();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertNoneLeft(before);
    }

    @Test
    void closingANonManagedFactoryClosesItsIdleConnectionsAndEndsItsThreads() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ProtonTestServer peer = new ProtonTestServer()) {
            AmqpConnectionFactory cf = oneConnectionTo(peer);
            try (AmqpConnection c = cf.getConnection()) {
                assertFalse(c == null);
            }
            // The connection is idle in the built-in pool now, still open.
            assertInstanceOf(AutoCloseable.class, cf, "a non-managed connection factory can be closed");
            ((AutoCloseable) cf).close();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            IllegalStateException e = assertThrows(IllegalStateException.class, cf::getConnection);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
        assertNoneLeft(before);
    }

    @Test
    void aConnectionInUseWhenTheFactoryClosesIsClosedWithItsHandle() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ProtonTestServer peer = new ProtonTestServer()) {
            AmqpConnectionFactory cf = oneConnectionTo(peer);
            AmqpConnection c = cf.getConnection();
            ((AutoCloseable) cf).close();
            assertFalse(adapterThreadsSince(before).isEmpty(), "the connection in use lost its threads");
            c.close(); // not pooled any more: the AMQP connection closes
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertNoneLeft(before);
    }

    /** A non-managed factory for {@code peer}, which takes one connection and its close. */
    private static AmqpConnectionFactory oneConnectionTo(ProtonTestServer peer) throws Exception {
        PeerSupport.expectConnect(peer);
        peer.expectClose().respond();
        peer.start();
        return PeerSupport.factory(PeerSupport.mcf(peer));
    }

    private static void assertNoneLeft(Set<Thread> before) {
        Await.until(() -> "the adapter's threads to end: " + adapterThreadsSince(before), Duration.ofSeconds(15),
                () -> adapterThreadsSince(before).isEmpty());
    }

    /** The adapter's threads alive now that were not before. */
    static List<String> adapterThreadsSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("amqp-ra"))
                .map(t -> t.getName() + (t.isDaemon() ? "" : " (non-daemon)"))
                .sorted().toList();
    }
}
