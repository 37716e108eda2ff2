package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.DeliveryNotAcceptedException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SendOutcomeTest {

    @Test
    void eachOutcomeOfThePeerReachesTheCaller() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "orders", 10);
            peer.expectTransfer().withNonNullPayload().accept();
            peer.expectTransfer().withNonNullPayload().reject("amqp:precondition-failed", "bad order");
            peer.expectTransfer().withNonNullPayload().release();
            peer.expectTransfer().withNonNullPayload().modify(true, true);
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                assertEquals(Outcome.accepted(), connection.send("orders", Message.of("one")));
                Outcome rejected = connection.send("orders", Message.of("two"));
                assertEquals(Outcome.Type.REJECTED, rejected.type());
                assertEquals("amqp:precondition-failed", rejected.errorCondition());
                assertEquals("bad order", rejected.errorDescription());
                DeliveryNotAcceptedException e = assertThrows(DeliveryNotAcceptedException.class,
                        rejected::requireAccepted);
                assertEquals(rejected, e.outcome());
                assertEquals(Outcome.released(), connection.send("orders", Message.of("three")));
                Outcome modified = connection.send("orders", Message.of("four"));
                assertEquals(Outcome.modified(true, true), modified);
                assertFalse(modified.isAccepted());
            }
            // One attach for four sends: the link is reused.
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void manyAsyncSendsAreInFlightAtOnceOnOneLink() throws Exception {
        int count = 50;
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "events", count);
            for (int i = 0; i < count; i++) {
                peer.expectTransfer().withNonNullPayload();
            }
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    outcomes.add(connection.sendAsync("events", Message.of("event " + i)).toCompletableFuture());
                }
                // All transfers reach the peer before any outcome is given.
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertTrue(outcomes.stream().noneMatch(CompletableFuture::isDone));

                peer.remoteDisposition().withSettled(true).withRole(true)
                        .withFirst(0).withLast(count - 1).withState().accepted().now();
                for (CompletableFuture<Outcome> outcome : outcomes) {
                    assertEquals(Outcome.accepted(), outcome.get(5, TimeUnit.SECONDS));
                }
            }
        }
    }

    @Test
    void creditIsRespected() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "slow", 1);
            peer.expectTransfer().withNonNullPayload().accept();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                CompletableFuture<Outcome> first = connection.sendAsync("slow", Message.of("1")).toCompletableFuture();
                CompletableFuture<Outcome> second = connection.sendAsync("slow", Message.of("2")).toCompletableFuture();
                assertEquals(Outcome.accepted(), first.get(5, TimeUnit.SECONDS));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertFalse(second.isDone(), "sent without credit");

                peer.expectTransfer().withNonNullPayload().accept();
                peer.remoteFlow().withLinkCredit(1).withDeliveryCount(1).now();
                assertEquals(Outcome.accepted(), second.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aDrainRequestWithNothingToSendUsesUpTheCreditAndAnswers() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "drained", 1);
            peer.expectTransfer().withNonNullPayload().accept();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                assertEquals(Outcome.accepted(), connection.send("drained", Message.of("1")));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // The peer asks for 5 more, draining: with nothing waiting, the credit is used up
                // at once and the peer hears so (AMQP 1.0, 2.6.7).
                peer.expectFlow().withDrain(true).withLinkCredit(0).withDeliveryCount(6);
                peer.remoteFlow().withLinkCredit(5).withDeliveryCount(1).withDrain(true).now();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }
}
