package io.amqpra.impl.inbound;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.protonj2.test.driver.ProtonTestClient;
import org.apache.qpid.protonj2.test.driver.actions.AttachInjectAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one peer may take of a listener: sessions, links, connections still in their handshake,
 * and memory for messages waiting for a bean.
 */
@Timeout(60)
class ListenerLimitsTest {

    private static final String LIMIT = "amqp:resource-limit-exceeded";
    private final TestContainer container = new TestContainer();
    private final TestContainer.Endpoint quiet = new TestContainer.Endpoint((m, ctx) -> { });

    @AfterEach
    void stop() {
        container.close();
    }

    private int listen(TestContainer.Endpoint endpoint, AmqpActivationSpec spec) throws Exception {
        container.activate(endpoint, spec);
        return container.listeners.port(endpoint, spec);
    }

    /** Scripts the peer's way in: SASL ANONYMOUS and the AMQP open. */
    private static void login(ProtonTestClient peer) {
        peer.queueClientSaslAnonymousConnect();
        peer.remoteOpen().queue();
        peer.expectOpen();
    }

    /** A sender link to address {@code q}, ready to be queued or sent. */
    private static AttachInjectAction sender(ProtonTestClient peer, String name, int handle) {
        return peer.remoteAttach().ofSender().withName(name).withHandle(handle).withInitialDeliveryCount(0)
                .withTarget().withAddress("q").and();
    }

    /** Scripts a sender link that the listener takes, with one credit. */
    private static void queueSender(ProtonTestClient peer, String name, int handle) {
        sender(peer, name, handle).queue();
        peer.expectAttach().ofReceiver();
        peer.expectFlow().withLinkCredit(1);
    }

    /** Logs in, begins a session and attaches one sender (handle 0), and waits for all of it. */
    private static void connectWithSender(ProtonTestClient peer, int port, String name) throws Exception {
        login(peer);
        peer.remoteBegin().queue();
        peer.expectBegin();
        queueSender(peer, name, 0);
        peer.connect("127.0.0.1", port);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
    }

    private static void connect(ProtonTestClient peer, int port) throws Exception {
        login(peer);
        peer.connect("127.0.0.1", port);
    }

    @Test
    void aPeerThatBeginsMoreSessionsThanTheDefaultLimitIsClosedSayingWhy() throws Exception {
        int port = listen(quiet, TestContainer.spec("q"));
        try (ProtonTestClient peer = new ProtonTestClient()) {
            login(peer); // the whole script first: a frame answered before its next step is queued stalls it
            for (int i = 0; i < 64; i++) {
                peer.remoteBegin().queue();
                peer.expectBegin();
            }
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectClose().withError("amqp:connection:framing-error", containsString("channel-max 63"));
            peer.remoteBegin().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLinkBeyondTheLimitIsRefusedAndTheOthersGoOnWorking() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString()));
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        int port = listen(endpoint, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            login(peer);
            peer.remoteBegin().queue();
            peer.expectBegin();
            for (int i = 0; i < 256; i++) {
                queueSender(peer, "s" + i, i);
            }
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectAttach().ofReceiver().withNullTarget();
            peer.expectDetach().withError(LIMIT, containsString("maxLinksPerConnection"));
            sender(peer, "one-too-many", 256).now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withBody().withString("still works").also().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("still works"), seen);
    }

    @Test
    void linksAttachedAndDetachedOneAfterAnotherLeaveNothingBehind() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        int port = listen(quiet, spec);
        Listener listener = container.listeners.listener(quiet, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            login(peer);
            peer.remoteBegin().queue();
            peer.expectBegin();
            for (int i = 0; i < 1000; i++) {
                queueSender(peer, "s" + i, 0);
                peer.remoteDetach().withHandle(0).withClosed(true).queue();
                peer.expectDetach();
            }
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(20, TimeUnit.SECONDS);
            Await.until(() -> "the closed links to be let go, held " + listener.linksHeld(), Duration.ofSeconds(10),
                    () -> listener.linksHeld() <= 1);
        }
    }

    @Test
    void aPeerThatKeepsRefusedLinksAttachedLosesItsConnection() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        spec.setMaxLinksPerConnection(2);
        int port = listen(quiet, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            login(peer);
            peer.remoteBegin().queue();
            peer.expectBegin();
            for (int i = 0; i < 2; i++) {
                queueSender(peer, "s" + i, i);
            }
            for (int i = 2; i < 4; i++) { // refused, and never detached by the peer
                sender(peer, "s" + i, i).queue();
                peer.expectAttach().ofReceiver().withNullTarget();
                peer.expectDetach().withError(LIMIT, containsString("maxLinksPerConnection"));
            }
            sender(peer, "s4", 4).queue();
            peer.expectClose().withError(LIMIT, containsString("maxLinksPerConnection"));
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSessionEndedInTheMiddleOfAMessageGivesItsMemoryBack() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        int port = listen(quiet, spec);
        Listener listener = container.listeners.listener(quiet, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            connectWithSender(peer, port, "s");
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withMore(true).withPayload(new byte[3000]).now();
            Await.until(() -> "the first frames to be counted, held " + listener.budget().held(),
                    Duration.ofSeconds(10), () -> listener.budget().held() >= 3000);
            // The session ends with the link still attached: no detach comes for it. The unfinished
            // delivery is settled as it goes.
            peer.expectDisposition().withSettled(true);
            peer.expectEnd();
            peer.remoteEnd().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            Await.until(() -> "the ended session's bytes to be given back, held " + listener.budget().held(),
                    Duration.ofSeconds(10), () -> listener.budget().held() == 0);
        }
    }

    @Test
    void aMessageOverMaxMessageSizeInSeveralFramesCostsItsLinkOnly() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString()));
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        spec.setMaxMessageSize(1000);
        int port = listen(endpoint, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            connectWithSender(peer, port, "big");

            peer.expectDetach().withError("amqp:link:message-size-exceeded", containsString("maxMessageSize"));
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withMore(true).withPayload(new byte[1500]).now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            // The rest of it was already on its way: it is read and dropped, and the connection stays.
            peer.expectDisposition().withSettled(true); // the dropped one, settled once whole
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withMore(true).withPayload(new byte[1500]).now();
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withMore(false).withPayload(new byte[10]).now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.remoteDetach().withHandle(0).withClosed(true).now();
            sender(peer, "small", 1).now();
            peer.expectAttach().ofReceiver();
            peer.expectFlow().withLinkCredit(1);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.remoteTransfer().withHandle(1).withDeliveryId(1).withBody().withString("small").also().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("small"), seen);
    }

    @Test
    void aMessageWhoseSessionEndedWhileWithTheBeanFinishesQuietlyAndTheConnectionGoesOn() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> {
            if (m.bodyAsString().equals("first")) {
                hold.await();
            }
            seen.add(m.bodyAsString());
        });
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setLinkCredit(1);
        int port = listen(endpoint, spec);
        try (ProtonTestClient peer = new ProtonTestClient()) {
            connectWithSender(peer, port, "a");
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withBody().withString("first").also().now();
            Await.until("the bean to hold the first message", Duration.ofSeconds(10), () -> endpoint.before.get() == 1);
            peer.expectDisposition().withSettled(true); // the engine settles what the session held
            peer.expectEnd();
            peer.remoteEnd().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            hold.countDown(); // the bean finishes a message whose link is gone
            Await.until("the bean to finish", Duration.ofSeconds(10), () -> seen.contains("first"));

            peer.expectBegin();
            peer.remoteBegin().withRemoteChannel(null).now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectAttach().ofReceiver();
            peer.expectFlow().withLinkCredit(1);
            sender(peer, "b", 0).now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            peer.expectFlow().withLinkCredit(1);
            peer.expectDisposition().withSettled(true).withState().accepted();
            peer.remoteTransfer().withHandle(0).withDeliveryId(0).withBody().withString("second").also().now();
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("first", "second"), seen);
    }

    @Test
    void silentSocketsDoNotLockOutPeersThatLogIn() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxConnections(2);
        int port = listen(quiet, spec);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                silent.add(new Socket("127.0.0.1", port));
            }
            try (ProtonTestClient peer = new ProtonTestClient()) {
                connect(peer, port);
                peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void handshakesBeyondTheirOwnCapAreDroppedAtOnce() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxUnauthenticatedConnections(2);
        spec.setHandshakeTimeout(60_000L);
        int port = listen(quiet, spec);
        try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port);
             Socket third = new Socket("127.0.0.1", port)) {
            third.setSoTimeout(20_000);
            assertEquals(-1, third.getInputStream().read(), "a third socket still in its handshake was kept");
        }
    }

    @Test
    void aPeerBeyondMaxConnectionsIsToldWhyInAnAmqpClose() throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxConnections(1);
        int port = listen(quiet, spec);
        try (ProtonTestClient first = new ProtonTestClient(); ProtonTestClient second = new ProtonTestClient()) {
            connect(first, port);
            first.waitForScriptToComplete(10, TimeUnit.SECONDS);
            second.queueClientSaslAnonymousConnect();
            second.remoteOpen().queue();
            second.expectOpen();
            second.expectClose().withError(LIMIT, containsString("maxConnections"));
            second.connect("127.0.0.1", port);
            second.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Four Qpid JMS producers send 64 KiB messages as fast as the listener lets them, while the
     * bean is held: what the listener holds stays within its budget (plus about one socket read
     * per connection); once the bean runs, every message arrives.
     */
    @Test
    void fastSendersStayWithinTheMemoryBudgetAndLoseNothing() throws Exception {
        int size = 64 * 1024;
        int perProducer = 100;
        long budget = 2L * 1024 * 1024;
        CountDownLatch hold = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> {
            hold.await();
            seen.add(String.valueOf(m.messageId()));
        });
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setMaxConcurrency(2);
        spec.setLinkCredit(100);
        spec.setMaxBufferedBytes(budget);
        int port = listen(endpoint, spec);
        Listener listener = container.listeners.listener(endpoint, spec);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                sent.add(producers.submit(() -> produce(port, size, perProducer)));
            }
            // Each producer may have its full credit's worth in flight: 4 x 100 x 64 KiB, 25 MiB.
            Await.until(() -> "the listener to fill its budget, held " + listener.budget().peak(),
                    Duration.ofSeconds(20), () -> listener.budget().peak() >= budget);
            long allowed = budget + 4L * 2 * size;
            assertTrue(listener.budget().peak() <= allowed,
                    "held " + listener.budget().peak() + " bytes with a budget of " + budget);
            hold.countDown();
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            Await.until(() -> "every message, got " + seen.size(), Duration.ofSeconds(30),
                    () -> seen.size() == 4 * perProducer);
            assertTrue(listener.budget().peak() <= allowed,
                    "held " + listener.budget().peak() + " bytes with a budget of " + budget);
        } finally {
            hold.countDown();
            producers.shutdownNow();
        }
    }

    private static Void produce(int port, int size, int count) {
        String url = "amqp://127.0.0.1:" + port + "?amqp.saslMechanisms=ANONYMOUS";
        try (JMSContext jms = new JmsConnectionFactory(url).createContext()) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < count; i++) {
                BytesMessage message = jms.createBytesMessage();
                message.writeBytes(new byte[size]);
                producer.send(jms.createQueue("q"), message);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}
