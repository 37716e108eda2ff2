package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.impl.Await;
import io.amqpra.impl.message.MessageCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sends waiting for credit or an outcome, and the bound on how many a connection holds
 * ({@code maxSendsInFlight}).
 */
@Timeout(30)
class SendsInFlightTest {

    @Test
    void aSendThatTimedOutWaitingForCreditIsNeverTransferred() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            AmqpManagedConnectionFactory mcf = PeerSupport.withoutCredit(peer, "starved", 300);
            mcf.setMaxSendsInFlight(1); // the timed-out send must also give its room back
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                SendTimeoutException e = assertThrows(SendTimeoutException.class,
                        () -> connection.send("starved", Message.of("told it failed")));
                assertTrue(e.getMessage().contains("sendTimeout"), e.getMessage());
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // Credit arrives: only the next message may go out, never the one that failed.
                peer.expectTransfer().withPayload(MessageCodec.encode(Message.of("after"))).accept();
                peer.remoteFlow().withLinkCredit(10).now();
                assertEquals(Outcome.accepted(), connection.send("starved", Message.of("after")));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSendBeyondTheBoundWaitsForRoomBeforeItIsHandedOn() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "q", 10);
            peer.expectTransfer().withNonNullPayload(); // no outcomes yet
            peer.expectTransfer().withNonNullPayload();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setMaxSendsInFlight(2);
            mcf.setSendTimeout(20_000L);
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                CompletableFuture<Outcome> first = connection.sendAsync("q", Message.of("1")).toCompletableFuture();
                CompletableFuture<Outcome> second = connection.sendAsync("q", Message.of("2")).toCompletableFuture();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                CompletableFuture<CompletableFuture<Outcome>> third = new CompletableFuture<>();
                Thread caller = new Thread(() -> third.complete(
                        connection.sendAsync("q", Message.of("3")).toCompletableFuture()), "third-sender");
                caller.start();
                Await.until("the third sender to return or wait", Duration.ofSeconds(5),
                        () -> third.isDone() || caller.getState() == Thread.State.TIMED_WAITING);
                assertFalse(third.isDone(), "sendAsync returned with maxSendsInFlight=2 sends in flight");

                // The first outcome makes room: the third send goes out.
                peer.expectTransfer().withPayload(MessageCodec.encode(Message.of("3"))).accept();
                peer.remoteDisposition().withSettled(true).withRole(true).withFirst(0)
                        .withState().accepted().now();
                assertEquals(Outcome.accepted(), first.get(5, TimeUnit.SECONDS));
                assertEquals(Outcome.accepted(), third.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS));
                assertFalse(second.isDone());
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }
}
