package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.ReceivedMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReceiveTest {

    @Test
    void receivesAndAcceptsAMessage() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withSource().withAddress("inbox").and().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withProperties().withSubject("greeting").also()
                    .withApplicationProperties().withProperty("n", 7).also()
                    .withBody().withString("hello").also().queue();
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                ReceivedMessage received = connection.receive("inbox", Duration.ofSeconds(5)).orElseThrow();
                assertEquals("hello", received.message().bodyAsString());
                assertEquals("greeting", received.message().subject());
                assertEquals(7, received.message().applicationProperties().get("n"));
                assertEquals("inbox", received.address());
                received.accept();
                assertThrows(IllegalStateException.class, received::accept);
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void acceptingAPresettledMessageIsANoOpAsThePeerWantsNoOutcome() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withSource().withAddress("news").and().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withSettled(true).withBody().withString("fire and forget")
                    .also().queue();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                ReceivedMessage received = connection.receive("news", Duration.ofSeconds(5)).orElseThrow();
                assertEquals("fire and forget", received.message().bodyAsString());
                received.accept(); // the usual code for any message: must not throw
                assertThrows(IllegalStateException.class, received::accept, "settled once, like any other");
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void rejectCarriesTheErrorToThePeer() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withBody().withString("poison").also().queue();
            peer.expectDisposition().withSettled(true).withState().rejected("app:invalid", "cannot parse");
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                connection.receive("bad", Duration.ofSeconds(5)).orElseThrow().reject("app:invalid", "cannot parse");
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void returnsEmptyWhenNothingArrivesAndKeepsALateMessageForTheNextReceive() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                long start = System.nanoTime();
                Optional<ReceivedMessage> none = connection.receive("quiet", Duration.ofMillis(200));
                assertTrue(none.isEmpty());
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 200);
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // Arrives on the credit of the receive that gave up; no new credit is needed.
                peer.remoteTransfer().withDeliveryId(0).withBody().withString("late").also().now();
                peer.expectDisposition().withSettled(true).withState().accepted();
                ReceivedMessage late = connection.receive("quiet", Duration.ofSeconds(5)).orElseThrow();
                assertEquals("late", late.message().bodyAsString());
                late.accept();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUnsettledMessageIsReleasedWhenTheHandleCloses() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withBody().withString("forgotten").also().queue();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            AmqpConnection connection = cf.getConnection();
            ReceivedMessage received = connection.receive("work", Duration.ofSeconds(5)).orElseThrow();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            peer.expectDisposition().withSettled(true).withState().released();
            peer.expectDetach().respond();
            connection.close();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            IllegalStateException e = assertThrows(IllegalStateException.class, received::accept);
            assertTrue(e.getMessage().contains("released"), e.getMessage());
        }
    }

    @Test
    void anAbortedTransferIsDiscardedAndTheReceiveGetsTheNextMessage() throws Exception {
        byte[] encoded = io.amqpra.impl.message.MessageCodec.encode(io.amqpra.api.Message.of("never whole"));
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withMore(true)
                    .withPayload(java.util.Arrays.copyOf(encoded, encoded.length / 2)).queue();
            peer.remoteTransfer().withDeliveryId(0).withAborted(true).queue();
            // The abort used up the credit; the receive still waits, so it asks for another message.
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(1).withBody().withString("after").also().queue();
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                Optional<ReceivedMessage> received = connection.receive("streamed", Duration.ofSeconds(5));
                assertEquals("after", received.map(r -> r.message().bodyAsString()).orElse(null));
                received.get().accept();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMessageOfSeveralBodySectionsIsRejectedAndTheReceiveSaysWhy() throws Exception {
        byte[] twoSections = io.amqpra.impl.message.Sections.encode(
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {1, 2})),
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {3, 4})));
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withPayload(twoSections).queue();
            peer.expectDisposition().withSettled(true).withState()
                    .rejected("amqp:decode-error", org.hamcrest.Matchers.containsString("2 body sections"));
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                io.amqpra.api.AmqpException e = assertThrows(io.amqpra.api.AmqpException.class,
                        () -> connection.receive("parts", Duration.ofSeconds(5)));
                assertTrue(e.getMessage().contains("2 body sections"), e.getMessage());
                assertEquals("amqp:decode-error", e.errorCondition());
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMultiFrameMessageArrivesWhole() throws Exception {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            byte[] encoded = io.amqpra.impl.message.MessageCodec.encode(io.amqpra.api.Message.of(big));
            int chunk = 32 * 1024; // within the 64 KiB frames we accept by default
            for (int from = 0; from < encoded.length; from += chunk) {
                int to = Math.min(encoded.length, from + chunk);
                peer.remoteTransfer().withDeliveryId(0).withMore(to < encoded.length)
                        .withPayload(java.util.Arrays.copyOfRange(encoded, from, to)).queue();
            }
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            AmqpConnectionFactory cf = PeerSupport.factory(PeerSupport.mcf(peer));
            try (AmqpConnection connection = cf.getConnection()) {
                ReceivedMessage received = connection.receive("big", Duration.ofSeconds(5)).orElseThrow();
                assertTrue(java.util.Arrays.equals(big, received.message().bodyAsBytes()));
                received.accept();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }
}
