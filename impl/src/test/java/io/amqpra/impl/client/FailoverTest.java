package io.amqpra.impl.client;

import static io.amqpra.impl.config.ConnectionProperties.CONNECT_TIMEOUT;
import static io.amqpra.impl.config.ConnectionProperties.FAILOVER_HOSTS;
import static io.amqpra.impl.config.ConnectionProperties.HOST;
import static io.amqpra.impl.config.ConnectionProperties.INITIAL_RECONNECT_DELAY;
import static io.amqpra.impl.config.ConnectionProperties.MAX_RECONNECT_DELAY;
import static io.amqpra.impl.config.ConnectionProperties.PORT;
import static io.amqpra.impl.config.ConnectionProperties.RECONNECT_LIMIT;
import static io.amqpra.impl.config.ConnectionProperties.STARTUP_RECONNECT_LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpException;
import io.amqpra.api.Outcome;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.Await;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.PropertyValues;
import io.amqpra.impl.event.OutgoingEvents;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.transport.EventLoops;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where and when a connection tries again, against scripted peers, as an application sees it:
 * the {@code Reconnecting} and {@code ConnectionOpened} notifications of its connection (each
 * with the endpoint and the delay) and the connection's own result.
 */
@Timeout(30)
class FailoverTest {

    private static final String LOCAL = "127.0.0.1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<ProtonTestServer> peers = new ArrayList<>();
    private AmqpClientConnection connection;
    private final Figures figures = new Figures(ResourceStatus.Kind.CONNECTION_FACTORY);
    private final EventLoops loops = EventLoops.own(() -> "failover-test", 1, EventLoops.idleEndingThreads(() -> "failover-test"));

    /** One {@code Reconnecting} notification: attempt number, where it goes, after how long. */
    record Retry(int attempt, Endpoint next, long delayMillis) {
    }

    /** What the application hears about its connection. */
    static final class Heard implements ConnectionListener {
        final List<Retry> retries = new CopyOnWriteArrayList<>();
        final List<String> causes = new CopyOnWriteArrayList<>();
        final List<Endpoint> opens = new CopyOnWriteArrayList<>();

        @Override
        public OutgoingEvents events() {
            throw new UnsupportedOperationException("every notification is recorded here");
        }

        @Override
        public void opened(String containerId, Endpoint endpoint, String remoteContainerId, Endpoint previous,
                           boolean reconnect) {
            opens.add(endpoint);
        }

        @Override
        public void disconnected(String containerId, Endpoint endpoint, AmqpException cause, boolean willReconnect) {
        }

        @Override
        public void reconnecting(String containerId, int attempt, Endpoint next, long delayMillis,
                                 AmqpException lastCause) {
            causes.add(lastCause.getMessage());
            retries.add(new Retry(attempt, next, delayMillis));
        }

        @Override
        public void connectionLost(AmqpException cause) {
        }

        List<Endpoint> nextEndpoints(int n) {
            Await.until(() -> n + " reconnect attempts, got " + retries, WAIT, () -> retries.size() >= n);
            return retries.stream().limit(n).map(Retry::next).collect(Collectors.toList());
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        if (connection != null) {
            connection.close().get(5, TimeUnit.SECONDS);
        }
        for (ProtonTestServer peer : peers) {
            peer.close();
        }
        loops.shutdown();
    }

    private ProtonTestServer peer() {
        ProtonTestServer peer = new ProtonTestServer();
        peers.add(peer);
        return peer;
    }

    private static Endpoint at(ProtonTestServer peer) {
        return new Endpoint(LOCAL, peer.getServerURI().getPort());
    }

    /** An endpoint where nothing listens: a connect to it is refused. */
    private static Endpoint nobody() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Endpoint(LOCAL, s.getLocalPort());
        }
    }

    /** Reconnect from 10 ms, doubling up to 1 s, to {@code primary} then {@code failoverHosts}. */
    private static PropertyValues settings(Endpoint primary, Endpoint... failoverHosts) {
        PropertyValues values = new PropertyValues(PropertyValues.Scope.CONNECTION_FACTORY);
        values.set(HOST, primary.host());
        values.set(PORT, primary.port());
        if (failoverHosts.length > 0) {
            values.set(FAILOVER_HOSTS, List.of(failoverHosts).stream().map(Endpoint::toString)
                    .collect(Collectors.joining(",")));
        }
        values.set(INITIAL_RECONNECT_DELAY, 10L);
        values.set(MAX_RECONNECT_DELAY, 1_000L);
        values.set(CONNECT_TIMEOUT, 10_000L);
        values.set(RECONNECT_LIMIT, 20);
        return values;
    }

    private Heard open(PropertyValues values) throws Exception {
        Heard heard = new Heard();
        ClientConfig config = ClientConfig.of(ConnectionSettings.from(values), getClass().getClassLoader(), figures);
        connection = AmqpClientConnection.open(config, loops, heard);
        return heard;
    }

    /** A peer that answers our open with its open and at once a close with {@code condition}. */
    private static void refusesWith(ProtonTestServer peer, String condition, String description,
                                    Map<String, Object> info) {
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().reject(condition, description, info);
        peer.expectBegin().optional();
        peer.expectClose().optional();
        peer.start();
    }

    private static void accepts(ProtonTestServer peer) {
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().respond();
        peer.expectBegin().respond();
        peer.expectClose().optional().respond();
        peer.start();
    }

    // ---------------------------------------------------------------- a send while the adapter stops

    @Test
    void aSendHandedToStoppedLoopsFailsWithAReasonAndIsCounted() throws Exception {
        ProtonTestServer peer = peer();
        accepts(peer);
        open(settings(at(peer)));
        connection.opened().get(10, TimeUnit.SECONDS);
        loops.shutdown(); // as the adapter's stop does, while an application still sends

        CompletableFuture<Outcome> outcome = connection.send("orders", new byte[] {1}, false, null);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> outcome.get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof AmqpException, "an AmqpException, not " + failed.getCause());
        assertEquals(1, figures.get(Figure.SENDS_FAILED));
        assertEquals(0, figures.get(Figure.SENDS_IN_FLIGHT));
        connection = null; // nothing can close it now: its loop is gone
    }

    // ---------------------------------------------------------------- issue 14, item 7

    @Test
    void aPeerThatAnswersEveryOpenWithACloseDoesNotRestartTheBackoff() throws Exception {
        List<Endpoint> refusing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProtonTestServer p = peer();
            refusesWith(p, "amqp:resource-limit-exceeded", "too many connections", Map.of());
            refusing.add(at(p));
        }
        PropertyValues values = settings(refusing.get(0), refusing.subList(1, 4).toArray(Endpoint[]::new));
        values.set(RECONNECT_LIMIT, 3);
        values.set(STARTUP_RECONNECT_LIMIT, 3);
        Heard heard = open(values);

        heard.nextEndpoints(3);
        assertEquals(List.of(new Retry(1, refusing.get(1), 10), new Retry(2, refusing.get(2), 20),
                new Retry(3, refusing.get(3), 40)), heard.retries.subList(0, 3),
                "each refused open is one more failed attempt: the delay keeps doubling");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connection.opened().get(5, TimeUnit.SECONDS), "a peer that only refuses never opened");
        assertTrue(e.getCause().getMessage().contains("amqp:resource-limit-exceeded"), e.getCause().getMessage());
        assertEquals(List.of(), heard.opens);
    }

    @Test
    void aPeerThatOpensButNeverAnswersTheBeginIsAFailedAttempt() throws Exception {
        ProtonTestServer primary = peer();
        primary.expectSASLAnonymousConnect();
        primary.expectOpen().respond();
        primary.expectBegin().respond();
        primary.start();
        ProtonTestServer silent = peer();
        silent.expectSASLAnonymousConnect();
        silent.expectOpen().respond();
        silent.expectBegin(); // never answered
        silent.expectClose().optional();
        silent.start();
        Endpoint p = at(primary);
        PropertyValues values = settings(p, at(silent));
        values.set(CONNECT_TIMEOUT, 500L);
        Heard heard = open(values);
        connection.opened().get(5, TimeUnit.SECONDS);

        primary.close();
        assertEquals(List.of(at(silent), p), heard.nextEndpoints(2));
        assertTrue(heard.causes.get(1).contains("AMQPRA0160") && heard.causes.get(1).contains("begin"),
                heard.causes.get(1));
        assertEquals(List.of(p), heard.opens, "an open without the begin's answer is not a connection");
        assertEquals(2, heard.retries.get(1).attempt());
    }

    // ---------------------------------------------------------------- issue 14, item 10

    @Test
    void afterTheAnnouncedEndpointsTheConfiguredOnesAreStillTried() throws Exception {
        ProtonTestServer primary = peer();
        Endpoint announced = nobody();
        primary.expectSASLAnonymousConnect();
        primary.expectOpen().respond().withProperty("failover-server-list", List.of(
                Map.of("network-host", LOCAL, "port", announced.port(), "scheme", "amqp")));
        primary.expectBegin().respond();
        primary.start();
        ProtonTestServer failover = peer();
        accepts(failover);
        Endpoint p = at(primary);
        Heard heard = open(settings(p, at(failover)));
        connection.opened().get(5, TimeUnit.SECONDS);

        primary.close(); // the connection is lost, and the primary refuses from now on
        assertEquals(List.of(announced, p, at(failover)), heard.nextEndpoints(3),
                "the announced endpoint, then the configured primary, then the failover host");
        Await.until(() -> "reconnected to the failover host, heard " + heard.opens, WAIT,
                () -> heard.opens.contains(at(failover)));
        assertEquals(1, figures.get(Figure.FAILOVERS), "one reconnect to another endpoint");
        assertEquals(3, figures.get(Figure.RECONNECT_ATTEMPTS));
        assertEquals(1, figures.get(Figure.CONNECTIONS_OPEN));
        assertEquals(0, figures.get(Figure.CONNECTIONS_RECONNECTING));
        assertEquals(null, figures.connectionProblem(), "open again: the factory is ready");
    }

    @Test
    void anUnreachableRedirectTargetIsTriedOnceThenTheListResumes() throws Exception {
        ProtonTestServer primary = peer();
        Endpoint target = nobody();
        refusesWith(primary, "amqp:connection:redirect", "go there",
                Map.of("network-host", LOCAL, "port", target.port()));
        ProtonTestServer failover = peer();
        accepts(failover);
        Heard heard = open(settings(at(primary), at(failover)));

        assertEquals(List.of(target, at(failover)), heard.nextEndpoints(2),
                "the redirect's target once, then the configured list after the endpoint that redirected");
        connection.opened().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(at(failover)), heard.opens);
    }

    @Test
    void aRedirectDialsItsNetworkHostAndOpensWithItsHostname() throws Exception {
        ProtonTestServer target = peer();
        target.expectSASLAnonymousConnect();
        target.expectOpen().withHostname("vhost.example").respond();
        target.expectBegin().respond();
        target.start();
        ProtonTestServer primary = peer();
        refusesWith(primary, "amqp:connection:redirect", "go there",
                Map.of("network-host", LOCAL, "port", at(target).port(), "hostname", "vhost.example"));
        Heard heard = open(settings(at(primary)));

        connection.opened().get(5, TimeUnit.SECONDS);
        target.waitForScriptToComplete(5, TimeUnit.SECONDS);
        assertEquals(List.of(at(target)), heard.opens);
        target.expectClose().respond();
    }

    @Test
    void aRedirectWithoutNetworkHostIsNotDialledByItsHostname() throws Exception {
        ProtonTestServer target = peer();
        accepts(target);
        ProtonTestServer primary = peer();
        // "hostname" is the virtual host to open, not a machine to connect to.
        refusesWith(primary, "amqp:connection:redirect", "go there",
                Map.of("hostname", LOCAL, "port", at(target).port()));
        ProtonTestServer failover = peer();
        accepts(failover);
        Heard heard = open(settings(at(primary), at(failover)));

        assertEquals(List.of(at(failover)), heard.nextEndpoints(1),
                "a redirect without network-host is ignored: the configured list goes on");
        connection.opened().get(5, TimeUnit.SECONDS);
        assertFalse(target.hasClientConnection(), "dialled the redirect's hostname");
    }
}
