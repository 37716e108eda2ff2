package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener driven frame by frame by a scripted AMQP client. */
@Timeout(30)
class ListenerProtocolTest {

    private final TestContainer container = new TestContainer();

    @AfterEach
    void stop() {
        container.close();
    }

    private int listen(TestContainer.Endpoint endpoint, String address) throws Exception {
        AmqpActivationSpec spec = TestContainer.spec(address);
        container.activate(endpoint, spec);
        return container.listeners.port(endpoint, spec);
    }

    @Test
    void presettledAndUnsettledTransfersReachTheEndpointAndOnlyUnsettledOnesGetAnOutcome() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint(
                (m, ctx) -> seen.add(m.bodyAsString() + (ctx.presettled() ? " presettled" : "")));
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxConcurrency(1); // one at a time, so the frames below come in a fixed order
        spec.setLinkCredit(1);
        container.activate(endpoint, spec);
        int port = container.listeners.port(endpoint, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.expectBegin();
            peer.remoteAttach().ofSender().withName("s1").withInitialDeliveryCount(0).withTarget().withAddress("q").and().queue();
            peer.expectAttach().ofReceiver().withTarget().withAddress("q");
            peer.expectFlow().withLinkCredit(1);
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            // The presettled message gets no disposition, only its credit back once handled.
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withSettled(true).withBody().withString("one").also().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            // The unsettled one gets its outcome and its credit back in one go; Proton-J writes
            // link flow before dispositions in each output pass.
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.remoteTransfer().withDeliveryId(1).withBody().withString("two").also().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            peer.expectClose();
            peer.remoteClose().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertEquals(2, seen.size());
        assertEquals(java.util.Set.of("one presettled", "two"), java.util.Set.copyOf(seen));
    }

    @Test
    void anAbortedTransferIsDiscardedWithItsCreditGivenBackAndTheNextMessageArrives() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString()));
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxConcurrency(1);
        spec.setLinkCredit(1);
        container.activate(endpoint, spec);
        int port = container.listeners.port(endpoint, spec);
        byte[] encoded = io.amqpra.impl.message.MessageCodec.encode(io.amqpra.api.Message.of("never whole"));
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.expectBegin();
            peer.remoteAttach().ofSender().withName("s1").withInitialDeliveryCount(0).withTarget().withAddress("q").and().queue();
            peer.expectAttach().ofReceiver().withTarget().withAddress("q");
            peer.expectFlow().withLinkCredit(1);
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            // The sender gives up a streamed message halfway: the adapter drops what it gathered
            // and gives the credit back, with no outcome (an aborted delivery is settled).
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withMore(true)
                    .withPayload(java.util.Arrays.copyOf(encoded, encoded.length / 2)).now();
            peer.remoteTransfer().withDeliveryId(0).withAborted(true).now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.remoteTransfer().withDeliveryId(1).withBody().withString("after").also().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            peer.expectClose();
            peer.remoteClose().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertEquals(java.util.List.of("after"), java.util.List.copyOf(seen));
    }

    @Test
    void aMessageOfSeveralBodySectionsIsRejectedAsUndecodableNotCutShort() throws Exception {
        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.body()));
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        container.activate(endpoint, spec);
        int port = container.listeners.port(endpoint, spec);
        byte[] twoSections = io.amqpra.impl.message.Sections.encode(
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {1, 2})),
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {3, 4})));
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.expectBegin();
            peer.remoteAttach().ofSender().withName("s1").withInitialDeliveryCount(0).withTarget().withAddress("q").and().queue();
            peer.expectAttach().ofReceiver().withTarget().withAddress("q");
            peer.expectFlow().withLinkCredit(1);
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState()
                    .rejected("amqp:decode-error", org.hamcrest.Matchers.containsString("2 body sections"));
            peer.remoteTransfer().withDeliveryId(0).withPayload(twoSections).now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            peer.expectClose();
            peer.remoteClose().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        assertEquals(0, endpoint.before.get(), "the bean never sees it");
        assertEquals(java.util.List.of(), java.util.List.copyOf(seen));
    }

    @Test
    void aLinkToAnUnservedAddressIsRefusedWithNotFound() throws Exception {
        int port = listen(new TestContainer.Endpoint((m, ctx) -> { }), "served");
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.expectBegin();
            peer.remoteAttach().ofSender().withName("s1").withTarget().withAddress("elsewhere").and().queue();
            peer.expectAttach().ofReceiver().withNullTarget();
            peer.expectDetach().withClosed(true).withError("amqp:not-found", "no endpoint serves address 'elsewhere'");
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerThatSendsGarbageLosesOnlyItsOwnConnection() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        int port = listen(new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString())), "q");
        try (java.net.Socket hostile = new java.net.Socket("127.0.0.1", port)) {
            // A SASL header, then bytes that are no SASL frame, split across writes.
            hostile.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 3, 1, 0, 0});
            hostile.getOutputStream().flush();
            hostile.getOutputStream().write(new byte[] {0, 0, 0, 8, 2, 1, 0, 0, (byte) 0xff, (byte) 0xfe});
            hostile.getOutputStream().flush();
            hostile.setSoTimeout(5_000);
            java.io.InputStream in = hostile.getInputStream();
            while (in.read() >= 0) {
                // the listener answers with its SASL header and mechanisms, then closes
            }
        }
        io.amqpra.impl.outbound.AmqpManagedConnectionFactory mcf = new io.amqpra.impl.outbound.AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port);
        try (io.amqpra.api.AmqpConnection c = ((io.amqpra.api.AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            c.send("q", io.amqpra.api.Message.of("still served")).requireAccepted();
        }
        assertEquals(java.util.List.of("still served"), java.util.List.copyOf(seen));
    }
}
