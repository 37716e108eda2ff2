package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.Heartbeats;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.protonj2.test.driver.ProtonTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener's idle timeout, against a scripted peer: a peer that froze is closed within
 * {@code idleTimeout} and 10 %, and the listener's heartbeats go out at half the timeout the peer
 * advertised. The outgoing side is {@code outbound.IdleTimeoutTest}.
 */
@Timeout(30)
class ListenerIdleTimeoutTest {

    private static final long IDLE = 1_000;

    private final TestContainer container = new TestContainer();
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private final TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString()));

    @AfterEach
    void stop() {
        container.close();
    }

    private int listen(Long idleTimeout) throws Exception {
        AmqpActivationSpec spec = TestContainer.spec("q");
        spec.setIdleTimeout(idleTimeout);
        container.activate(endpoint, spec);
        return container.listeners.port(endpoint, spec);
    }

    @Test
    void aFrozenPeerIsClosedWithinTheIdleTimeoutAndTenPercent() throws Exception {
        int port = listen(IDLE);
        AtomicLong lastFrame = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.execute(() -> lastFrame.set(System.nanoTime())).queue(); // then the peer freezes
            peer.expectBegin();
            peer.expectClose().withError("amqp:resource-limit-exceeded", "local-idle-timeout expired")
                    .withCapture(close -> closed.set(System.nanoTime()));
            peer.connect("127.0.0.1", port);
            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(closed.get() - lastFrame.get());
        // The time of the peer's last frame is taken just after it was written: a little late.
        assertTrue(tookMillis >= IDLE * 9 / 10, "closed too early: " + tookMillis + " ms");
        assertTrue(tookMillis <= IDLE * 11 / 10, "closed too late: " + tookMillis + " ms");
        assertTrue(seen.isEmpty());
    }

    @Test
    void heartbeatsGoOutAtHalfTheTimeoutThePeerAdvertised() throws Exception {
        int port = listen(null); // the listener's own timeout stays at a minute: the silent peer is fine
        List<Long> frames = new CopyOnWriteArrayList<>();
        try (ProtonTestClient peer = new ProtonTestClient()) {
            peer.queueClientSaslAnonymousConnect();
            peer.remoteOpen().withIdleTimeOut(IDLE).queue();
            peer.expectOpen();
            peer.remoteBegin().queue();
            peer.expectBegin();
            for (int i = 0; i < 5; i++) {
                peer.expectEmptyFrame().withCapture(heartbeat -> frames.add(System.nanoTime()));
            }
            peer.expectEmptyFrame().optional(); // one more may beat the close below
            peer.expectClose();
            peer.connect("127.0.0.1", port);
            Await.until(() -> "five heartbeats, saw " + frames.size(), Duration.ofSeconds(10), () -> frames.size() == 5);
            peer.remoteClose().now();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
        Heartbeats.assertSpacedAtHalfOf(frames, IDLE);
    }
}
