package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.SendTimeoutException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender links a connection caches, one per address, stay within {@code maxSenderLinks}: the
 * least recently used link with nothing in flight is detached to make room, and a link with a
 * send in flight is never detached under it. The peer's script fails on any frame out of place.
 */
@Timeout(30)
class SenderLinkCacheTest {

    @Test
    void sendingToManyAddressesKeepsAtMostTheBoundAttached() throws Exception {
        int addresses = 6;
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            for (int i = 0; i < addresses; i++) {
                expectSender(peer, "queue-" + i, 10);
                if (i >= 2) {
                    // Two were attached: the older one, idle, is detached with the third's attach
                    // (the engine writes a batch's attaches before its detaches).
                    peer.expectDetach().withClosed(true).respond();
                }
                peer.expectTransfer().withNonNullPayload().accept();
            }
            peer.start();
            String[] queues = new String[addresses];
            Arrays.setAll(queues, i -> "queue-" + i);
            sendEachAccepted(peer, 2, queues);
        }
    }

    @Test
    void theLeastRecentlyUsedLinkIsTheOneDetached() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "a", 10); // handle 0
            peer.expectTransfer().withNonNullPayload().accept();
            expectSender(peer, "b", 10); // handle 1
            peer.expectTransfer().withNonNullPayload().accept();
            peer.expectTransfer().withHandle(0).withNonNullPayload().accept(); // "a" again: now the newer
            expectSender(peer, "c", 10);
            peer.expectDetach().withHandle(1).withClosed(true).respond(); // so "b" goes
            peer.expectTransfer().withNonNullPayload().accept();
            peer.expectTransfer().withHandle(0).withNonNullPayload().accept(); // "a" is still attached
            peer.start();
            sendEachAccepted(peer, 2, "a", "b", "a", "c", "a");
        }
    }

    @Test
    void aLinkWithASendInFlightIsDetachedOnlyOnceItsOutcomeArrived() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "busy", 10); // handle 0
            peer.expectTransfer().withHandle(0).withNonNullPayload(); // no outcome yet
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setSendTimeout(5_000L); // a frame out of place fails the test quickly
            mcf.setMaxSenderLinks(1);
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                CompletableFuture<Outcome> inFlight = connection.sendAsync("busy", Message.of("slow"))
                        .toCompletableFuture();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // Over the bound: "busy" has a send in flight, so it stays, and "other" goes as
                // soon as its own send is done.
                expectSender(peer, "other", 10);
                peer.expectTransfer().withHandle(1).withNonNullPayload().accept();
                peer.expectDetach().withHandle(1).withClosed(true).respond();
                sendAccepted(peer, connection, "other");
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertFalse(inFlight.isDone(), "the peer has not answered the first send yet");

                // The first send's outcome still arrives, on the link that was never detached.
                peer.remoteDisposition().withSettled(true).withRole(true).withFirst(0)
                        .withState().accepted().now();
                assertEquals(Outcome.accepted(), inFlight.get(5, TimeUnit.SECONDS));
                peer.expectTransfer().withHandle(0).withNonNullPayload().accept();
                sendAccepted(peer, connection, "busy");
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aLinkWhoseSendTimedOutWaitingForCreditIsIdleAndGoesFirst() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            AmqpManagedConnectionFactory mcf = PeerSupport.withoutCredit(peer, "starved", 300);
            mcf.setMaxSenderLinks(1);
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                assertThrows(SendTimeoutException.class, () -> connection.send("starved", Message.of("x")));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // Its only send failed, so nothing is in flight on it: it is detached for the next.
                expectSender(peer, "next", 10);
                peer.expectDetach().withHandle(0).withClosed(true).respond();
                peer.expectTransfer().withHandle(1).withNonNullPayload().accept();
                sendAccepted(peer, connection, "next");
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    /** With {@code maxSenderLinks}, sends one message to each address in turn, each accepted. */
    private static void sendEachAccepted(ProtonTestServer peer, int maxSenderLinks, String... addresses)
            throws Exception {
        AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
        mcf.setSendTimeout(5_000L); // a frame out of place fails the test quickly
        mcf.setMaxSenderLinks(maxSenderLinks);
        try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
            for (String address : addresses) {
                sendAccepted(peer, connection, address);
            }
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    /** Sends and expects ACCEPTED; if the peer dropped us, says which frame its script refused. */
    private static void sendAccepted(ProtonTestServer peer, AmqpConnection connection, String address)
            throws Exception {
        try {
            assertEquals(Outcome.accepted(), connection.send(address, Message.of("to " + address)));
        } catch (AmqpException e) {
            peer.waitForScriptToComplete(1, TimeUnit.SECONDS);
            throw e;
        }
    }
}
