package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.apache.qpid.protonj2.test.driver.codec.messaging.TerminusDurability;
import org.apache.qpid.protonj2.test.driver.codec.messaging.TerminusExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bean that consumes from a broker ({@code mode=connect}), against a scripted broker: what its
 * link asks for, when credit comes back, the outcome of each way a delivery ends, and what it does
 * when the broker refuses it, drops the connection, or the bean is undeployed.
 */
@Timeout(30)
class ConsumerProtocolTest {

    private static AmqpActivationSpec consumer(ProtonTestServer peer, String address) {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setMode("connect");
        spec.setHost("127.0.0.1");
        spec.setPort(peer.getServerURI().getPort());
        spec.setAddress(address);
        spec.setConnectTimeout(5_000L);
        spec.setInitialReconnectDelay(10L);
        spec.setMaxReconnectDelay(50L);
        spec.setMaxConcurrency(1);
        spec.setLinkCredit(1);
        return spec;
    }

    private static void expectConnect(ProtonTestServer peer) {
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().respond();
        peer.expectBegin().respond();
    }

    @Test
    void theLinkAsksForTheTopicSubscriptionWithItsFilterAndDurability() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withName("price-watch")
                    .withSource().withAddress("prices").withCapabilities("topic")
                    .withDurable(TerminusDurability.UNSETTLED_STATE).withExpiryPolicy(TerminusExpiryPolicy.NEVER)
                    .withJMSSelector("color = 'red'").and().respond();
            peer.expectFlow().withLinkCredit(5);
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "prices");
            spec.setAddressType("topic");
            spec.setSubscriptionName("price-watch");
            spec.setSubscriptionDurability("durable");
            spec.setFilter("color = 'red'");
            spec.setLinkCredit(5);
            container.activate(new TestContainer.Endpoint((m, c) -> { }), spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().withClosed(false).respond(); // undeploy keeps a durable subscription
            peer.expectClose().respond();
        }
    }

    @Test
    void unsubscribeOnUndeployClosesTheDurableSubscriptionsLink() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withName("short-lived")
                    .withSource().withDurable(TerminusDurability.UNSETTLED_STATE).and().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "prices");
            spec.setAddressType("topic");
            spec.setSubscriptionName("short-lived");
            spec.setSubscriptionDurability("durable");
            spec.setUnsubscribeOnUndeploy(true);
            TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, c) -> { });
            container.activate(endpoint, spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().withClosed(true).respond(); // closed: the broker deletes the subscription
            peer.expectClose().respond();
            container.listeners.deactivate(endpoint, spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void creditComesBackOnlyOnceTheBeanIsDone() throws Exception {
        CountDownLatch inBean = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withSource().withAddress("orders").withCapabilities("queue")
                    .and().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withBody().withString("first").also().queue();
            peer.start();

            container.activate(new TestContainer.Endpoint((m, c) -> {
                inBean.countDown();
                assertTrue(finish.await(10, TimeUnit.SECONDS));
            }), consumer(peer, "orders"));
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertTrue(inBean.await(10, TimeUnit.SECONDS));

            // Anything the adapter sent now (the credit above all) would fail the script. Once the
            // bean is done, the credit and the outcome go out together (Proton-J writes a link's
            // flow before its dispositions).
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            finish.countDown();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @ParameterizedTest
    @CsvSource({"modify, modified", "release, released", "reject, rejected"})
    void aBeanThatThrowsGetsTheOutcomeOfOnError(String onError, String outcome) throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withBody().withString("bad").also().queue();
            peer.expectFlow().withLinkCredit(1);
            switch (outcome) {
                case "modified" -> peer.expectDisposition().withSettled(true).withState().modified(true);
                case "released" -> peer.expectDisposition().withSettled(true).withState().released();
                default -> peer.expectDisposition().withSettled(true).withState().rejected("amqp:internal-error");
            }
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "orders");
            if (!onError.equals("modify")) {
                spec.setOnError(onError); // modify is the default
            }
            container.activate(new TestContainer.Endpoint((m, c) -> {
                throw new IllegalStateException("cannot process " + m.body());
            }), spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @Test
    void aMessageDeliveredMaxRedeliveriesTimesIsRejectedWithoutReachingTheBean() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withHeader().withDeliveryCount(3).also()
                    .withBody().withString("poison").also().queue();
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().rejected();
            peer.remoteTransfer().withDeliveryId(1).withHeader().withDeliveryCount(2).also()
                    .withBody().withString("fine").also().queue();
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "orders");
            spec.setMaxRedeliveries(3);
            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.body())), spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertEquals(List.of("fine"), seen);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @Test
    void anAbortedTransferIsDiscardedWithItsCreditGivenBackAndTheNextMessageReachesTheBean() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        byte[] encoded = io.amqpra.impl.message.MessageCodec.encode(io.amqpra.api.Message.of("never whole"));
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withMore(true)
                    .withPayload(java.util.Arrays.copyOf(encoded, encoded.length / 2)).queue();
            peer.remoteTransfer().withDeliveryId(0).withAborted(true).queue();
            peer.expectFlow().withLinkCredit(1); // the aborted delivery's credit, with no outcome
            peer.remoteTransfer().withDeliveryId(1).withBody().withString("after").also().queue();
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.body())), consumer(peer, "orders"));
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertEquals(List.of("after"), seen);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @Test
    void aMessageOfSeveralBodySectionsIsRejectedAsUndecodableWithoutReachingTheBean() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        byte[] twoSections = io.amqpra.impl.message.Sections.encode(
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {1, 2})),
                new org.apache.qpid.proton.amqp.messaging.Data(new org.apache.qpid.proton.amqp.Binary(new byte[] {3, 4})));
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withPayload(twoSections).queue();
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState()
                    .rejected("amqp:decode-error", org.hamcrest.Matchers.containsString("2 body sections"));
            peer.remoteTransfer().withDeliveryId(1).withBody().withString("fine").also().queue();
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.start();

            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.body())), consumer(peer, "orders"));
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertEquals(List.of("fine"), seen);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @Test
    void afterADroppedConnectionTheLinkAttachesAgainWithTheSameName() throws Exception {
        try (ProtonTestServer first = new ProtonTestServer(); ProtonTestServer second = new ProtonTestServer();
             TestContainer container = new TestContainer()) {
            expectConnect(first);
            first.expectAttach().ofReceiver().withName("audit").respond();
            first.expectFlow().withLinkCredit(1);
            first.dropAfterLastHandler();
            first.start();
            expectConnect(second);
            second.expectAttach().ofReceiver().withName("audit")
                    .withSource().withAddress("events").withDurable(TerminusDurability.UNSETTLED_STATE).and().respond();
            second.expectFlow().withLinkCredit(1);
            second.remoteTransfer().withDeliveryId(0).withBody().withString("after").also().queue();
            second.expectFlow().withLinkCredit(1);
            second.expectDisposition().withSettled(true).withState().accepted();
            second.start();

            AmqpActivationSpec spec = consumer(first, "events");
            spec.setFailoverHosts("127.0.0.1:" + second.getServerURI().getPort());
            spec.setAddressType("topic");
            spec.setSubscriptionName("audit");
            spec.setSubscriptionDurability("durable");
            List<Object> seen = new CopyOnWriteArrayList<>();
            container.activate(new TestContainer.Endpoint((m, c) -> seen.add(m.body())), spec);
            first.waitForScriptToComplete(10, TimeUnit.SECONDS);
            second.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertEquals(List.of("after"), seen);
            second.expectFlow().withDrain(true).optional();
            second.expectDetach().withClosed(false).respond();
            second.expectClose().respond();
        }
    }

    @Test
    void undeployDrainsReleasesWhatTheBeanDidNotGetAndWaitsForTheBeanInFlight() throws Exception {
        CountDownLatch inBean = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().respond();
            peer.expectFlow().withLinkCredit(5);
            for (int i = 0; i < 3; i++) {
                peer.remoteTransfer().withDeliveryId(i).withBody().withString("m" + i).also().queue();
            }
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "orders");
            spec.setLinkCredit(5);
            TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, c) -> {
                inBean.countDown();
                assertTrue(finish.await(10, TimeUnit.SECONDS));
            });
            container.activate(endpoint, spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertTrue(inBean.await(10, TimeUnit.SECONDS));

            peer.expectFlow().withDrain(true);
            peer.expectDisposition().withSettled(true).withState().released();
            peer.expectDisposition().withSettled(true).withState().released();
            Thread undeploy = new Thread(() -> container.listeners.deactivate(endpoint, spec));
            undeploy.start();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertTrue(undeploy.isAlive(), "undeploy waits for the bean in flight");

            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.expectDetach().withClosed(true).respond();
            peer.expectClose().respond();
            finish.countDown();
            undeploy.join(10_000);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            assertEquals(1, endpoint.before.get(), "only the first message reached the bean");
        }
    }

    @Test
    void aRefusedLinkIsAttachedAgainWithBackoff() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer(); TestContainer container = new TestContainer()) {
            expectConnect(peer);
            peer.expectAttach().ofReceiver().withName("missing-sub").reject(true, "amqp:not-found", "no such queue");
            peer.expectFlow().withLinkCredit(1); // sent with the attach, before the refusal came
            peer.expectDetach();
            peer.expectAttach().ofReceiver().withName("missing-sub").respond();
            peer.expectFlow().withLinkCredit(1);
            peer.start();

            AmqpActivationSpec spec = consumer(peer, "orders");
            spec.setAddressType("topic");
            spec.setSubscriptionName("missing-sub");
            container.activate(new TestContainer.Endpoint((m, c) -> { }), spec);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withDrain(true).optional();
            peer.expectDetach().respond();
            peer.expectClose().respond();
        }
    }

    @Test
    void aBeanMixingTheModesPropertiesIsRefusedNamingThem() {
        AmqpActivationSpec listening = TestContainer.spec("orders");
        listening.setUsername("app");
        listening.setFailoverHosts("b:5672");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, listening::validate);
        assertTrue(e.getMessage().contains("[failoverHosts, username]") && e.getMessage().contains("mode=connect"),
                e.getMessage());

        AmqpActivationSpec consuming = new AmqpActivationSpec();
        consuming.setMode("connect");
        consuming.setAddress("orders");
        consuming.setMaxConnections(5);
        e = assertThrows(InvalidPropertyException.class, consuming::validate);
        assertTrue(e.getMessage().contains("[maxConnections]") && e.getMessage().contains("mode=listen"),
                e.getMessage());

        AmqpActivationSpec noAddress = new AmqpActivationSpec();
        noAddress.setMode("connect");
        e = assertThrows(InvalidPropertyException.class, noAddress::validate);
        assertTrue(e.getMessage().contains("'address'"), e.getMessage());
    }
}
