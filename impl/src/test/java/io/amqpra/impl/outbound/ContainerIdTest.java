package io.amqpra.impl.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.ConnectionDetails;
import io.amqpra.api.ConnectionDetailsProvider;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A configured {@code containerId} and the pool: peers that take one container id for one client
 * (and close the older connection of two) must see each pooled connection as its own.
 */
@Timeout(30)
class ContainerIdTest {

    /** Sends each connection of a factory to the next of these endpoints: one scripted peer each. */
    public static final class NextPeer implements ConnectionDetailsProvider {
        static final Queue<ConnectionDetails> NEXT = new ConcurrentLinkedQueue<>();

        @Override
        public ConnectionDetails connectionDetails(int attempt, ConnectionDetails previous) {
            return NEXT.poll();
        }
    }

    @AfterEach
    void forget() {
        NextPeer.NEXT.clear();
    }

    @Test
    void twoPooledConnectionsOfOneFactoryPresentDistinctContainerIds() throws Exception {
        List<String> ids = openTwo(null);
        assertNotEquals(ids.get(0), ids.get(1), "both pooled connections announced " + ids.get(0));
        for (String id : ids) {
            assertTrue(id.startsWith("orders-app-"), id);
        }
    }

    @Test
    void theConfiguredIdIsSharedOnlyWhenAskedFor() throws Exception {
        assertEquals(List.of("orders-app", "orders-app"), openTwo(false));
    }

    /** Opens two pooled connections of one factory, each to its own peer; the ids the peers saw. */
    private static List<String> openTwo(Boolean unique) throws Exception {
        Queue<String> ids = new ConcurrentLinkedQueue<>();
        try (ProtonTestServer a = new ProtonTestServer(); ProtonTestServer b = new ProtonTestServer()) {
            for (ProtonTestServer peer : List.of(a, b)) {
                peer.expectSASLAnonymousConnect();
                peer.expectOpen().withCapture(open -> ids.add(open.getContainerId())).respond();
                peer.expectBegin().respond();
                peer.expectClose().respond();
                peer.start();
                NextPeer.NEXT.add(new ConnectionDetails("127.0.0.1", peer.getServerURI().getPort()));
            }
            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(a);
            mcf.setContainerId("orders-app");
            mcf.setConnectionDetailsProvider(NextPeer.class.getName());
            if (unique != null) {
                mcf.setUniqueContainerIds(unique);
            }
            ManagedConnection first = mcf.createManagedConnection(null, null);
            ManagedConnection second = mcf.createManagedConnection(null, null);
            first.destroy();
            second.destroy();
            a.waitForScriptToComplete(5, TimeUnit.SECONDS);
            b.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        return List.copyOf(ids);
    }
}
