package io.amqpra.impl.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.impl.Await;
import io.amqpra.impl.LogLines;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ListenerTest {

    private final TestContainer container = new TestContainer();

    @AfterEach
    void stop() {
        container.close();
    }

    private int port(TestContainer.Endpoint endpoint, AmqpActivationSpec spec) {
        return container.listeners.port(endpoint, spec);
    }

    private static AmqpConnectionFactory client(String host, int port) throws ResourceException {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost(host);
        mcf.setPort(port);
        mcf.setSendTimeout(10_000L);
        mcf.setReconnect(false); // these tests look at the listener, not at the client's recovery
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    @Test
    void anErrorFromTheContainerReleasesTheMessageAndKeepsTheSlot() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsString()));
        AtomicBoolean failed = new AtomicBoolean();
        endpoint.onBefore = () -> {
            if (failed.compareAndSet(false, true)) {
                throw new AssertionError("the container failed to prepare the delivery");
            }
        };
        AmqpActivationSpec spec = TestContainer.spec("orders");
        spec.setMaxConcurrency(1); // one slot: lose it and nothing is delivered any more
        container.activate(endpoint, spec);

        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port(endpoint, spec));
        mcf.setSendTimeout(5_000L);
        mcf.setReconnect(false);
        try (AmqpConnection c = ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            assertEquals(Outcome.Type.RELEASED, c.send("orders", Message.of("first")).type());
            assertEquals(Outcome.accepted(), c.send("orders", Message.of("second")));
        }
        assertEquals(List.of("second"), List.copyOf(seen));
    }

    @Test
    void aReturningEndpointAcceptsAndSeesWhereTheMessageCameFrom() throws Exception {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) ->
                seen.add(m.bodyAsString() + "|" + ctx.address() + "|" + ctx.remoteContainerId() + "|"
                        + ctx.remoteAddress().startsWith("/127.0.0.1:")));
        AmqpActivationSpec spec = TestContainer.spec("orders");
        container.activate(endpoint, spec);

        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost("127.0.0.1");
        mcf.setPort(port(endpoint, spec));
        mcf.setContainerId("client-1");
        mcf.setUniqueContainerIds(false); // as configured, not numbered per pooled connection
        try (AmqpConnection c = ((AmqpConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            assertEquals(Outcome.accepted(), c.send("orders", Message.of("hello")));
        }
        assertEquals(List.of("hello|orders|client-1|true"), List.copyOf(seen));
        assertEquals(1, endpoint.before.get());
        assertEquals(1, endpoint.after.get());
    }

    @Test
    void aThrowingEndpointRejectsWithTheErrorIfAllowedOrReleasesAsConfigured() throws Exception {
        TestContainer.Endpoint failing = new TestContainer.Endpoint((m, ctx) -> {
            throw new IllegalStateException("cannot process " + m.bodyAsString());
        });
        AmqpActivationSpec reject = TestContainer.spec("a");
        reject.setSendExceptionText(true); // the peer may read what the bean threw
        AmqpActivationSpec release = TestContainer.spec("b");
        release.setOnError("release");
        container.activate(failing, reject);
        TestContainer.Endpoint failingToo = new TestContainer.Endpoint((m, ctx) -> {
            throw new IllegalStateException("no");
        });
        container.activate(failingToo, release);

        try (AmqpConnection c = client("127.0.0.1", port(failing, reject)).getConnection()) {
            Outcome outcome = c.send("a", Message.of("x1"));
            assertEquals(Outcome.Type.REJECTED, outcome.type());
            assertEquals("amqp:internal-error", outcome.errorCondition());
            assertEquals("IllegalStateException: cannot process x1", outcome.errorDescription());
        }
        try (AmqpConnection c = client("127.0.0.1", port(failingToo, release)).getConnection()) {
            assertEquals(Outcome.released(), c.send("b", Message.of("x2")));
        }
        assertEquals(failing.before.get(), failing.after.get(), "beforeDelivery without afterDelivery");
    }

    @Test
    void aRejectionGivesThePeerAReferenceNotTheExceptionsText() throws Exception {
        String secret = "SELECT card FROM customers failed, see /opt/app/db.properties";
        TestContainer.Endpoint failing = new TestContainer.Endpoint((m, ctx) -> {
            throw new IllegalStateException("lookup failed", new java.sql.SQLException(secret));
        });
        AmqpActivationSpec spec = TestContainer.spec("a");
        container.activate(failing, spec);
        try (LogLines log = LogLines.capture();
             AmqpConnection c = client("127.0.0.1", port(failing, spec)).getConnection()) {
            Outcome outcome = c.send("a", Message.of("x1"));
            assertEquals(Outcome.Type.REJECTED, outcome.type());
            assertEquals("amqp:internal-error", outcome.errorCondition());
            String description = outcome.errorDescription();
            for (String internal : List.of("customers", "/opt/app", "SQLException", "IllegalStateException", "lookup")) {
                assertFalse(description.contains(internal), "the peer reads '" + internal + "' in: " + description);
            }
            java.util.regex.Matcher reference = java.util.regex.Pattern.compile("reference ([0-9a-f-]{8,})")
                    .matcher(description);
            assertTrue(reference.find(), "no reference in: " + description);
            Await.until("a log line with reference " + reference.group(1) + " and the exception", Duration.ofSeconds(5),
                    () -> log.anyContains(reference.group(1), secret));
        }
    }

    @Test
    void theEndpointCanChooseTheOutcome() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> ctx.modify(true, false));
        AmqpActivationSpec spec = TestContainer.spec("*");
        container.activate(endpoint, spec);
        try (AmqpConnection c = client("127.0.0.1", port(endpoint, spec)).getConnection()) {
            assertEquals(Outcome.modified(true, false), c.send("anything", Message.of("x")));
        }
    }

    @Test
    void anAddressNoEndpointServesIsRefusedClearly() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> { });
        AmqpActivationSpec spec = TestContainer.spec("orders.*");
        container.activate(endpoint, spec);
        try (AmqpConnection c = client("127.0.0.1", port(endpoint, spec)).getConnection()) {
            assertEquals(Outcome.accepted(), c.send("orders.eu", Message.of("x")));
            AmqpException e = assertThrows(AmqpException.class, () -> c.send("invoices", Message.of("x")));
            assertEquals("amqp:not-found", e.errorCondition());
            assertTrue(e.getMessage().contains("no endpoint serves address 'invoices'"), e.getMessage());
        }
    }

    @Test
    void aBeanThatWouldShareAListenerWithOtherSecurityOrLimitsIsRefusedNamingThem() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        AmqpActivationSpec first = TestContainer.spec("orders");
        first.setPort(port);
        container.activate(new TestContainer.Endpoint((m, ctx) -> { }), first);

        // It would silently get the first bean's SASL and limits: it must say so instead.
        AmqpActivationSpec other = TestContainer.spec("audit");
        other.setPort(port);
        other.setMaxConnections(5);
        other.setIdleTimeout(1_000L);
        ResourceException e = assertThrows(ResourceException.class,
                () -> container.activate(new TestContainer.Endpoint((m, ctx) -> { }), other));
        assertTrue(e.getMessage().contains("idleTimeout") && e.getMessage().contains("maxConnections"),
                e.getMessage());

        AmqpActivationSpec same = TestContainer.spec("audit");
        same.setPort(port);
        same.setMaxConcurrency(2); // the bean's own: may differ
        container.activate(new TestContainer.Endpoint((m, ctx) -> { }), same);
    }

    @Test
    void twoEndpointsShareOnePortByAddress() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint orders = new TestContainer.Endpoint((m, ctx) -> seen.add("orders:" + m.bodyAsString()));
        TestContainer.Endpoint audit = new TestContainer.Endpoint((m, ctx) -> seen.add("audit:" + m.bodyAsString()));
        AmqpActivationSpec a = TestContainer.spec("orders");
        a.setPort(port);
        AmqpActivationSpec b = TestContainer.spec("audit");
        b.setPort(port);
        container.activate(orders, a);
        container.activate(audit, b);
        try (AmqpConnection c = client("127.0.0.1", port).getConnection()) {
            c.send("orders", Message.of("1")).requireAccepted();
            c.send("audit", Message.of("2")).requireAccepted();
        }
        assertEquals(List.of("orders:1", "audit:2"), List.copyOf(seen));

        // The same address twice on one port is refused, naming the property.
        AmqpActivationSpec clash = TestContainer.spec("orders");
        clash.setPort(port);
        ResourceException e = assertThrows(ResourceException.class,
                () -> container.activate(new TestContainer.Endpoint((m, ctx) -> { }), clash));
        assertTrue(e.getMessage().contains("'address'"), e.getMessage());
    }

    @Test
    void badValuesFailOnlyTheirOwnActivation() throws Exception {
        AmqpActivationSpec outOfRange = TestContainer.spec("x");
        outOfRange.setPort(70_000);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, outOfRange::validate);
        assertTrue(e.getMessage().contains("'port'") && e.getMessage().contains("70000"), e.getMessage());

        AmqpActivationSpec badPattern = TestContainer.spec("orders,,audit");
        e = assertThrows(InvalidPropertyException.class, badPattern::validate);
        assertTrue(e.getMessage().contains("'address'"), e.getMessage());

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AmqpActivationSpec busy = TestContainer.spec("x");
            busy.setPort(taken.getLocalPort());
            ResourceException busyError = assertThrows(ResourceException.class,
                    () -> container.activate(new TestContainer.Endpoint((m, ctx) -> { }), busy));
            assertTrue(busyError.getMessage().contains(String.valueOf(taken.getLocalPort())), busyError.getMessage());
        }

        TestContainer.Endpoint fine = new TestContainer.Endpoint((m, ctx) -> { });
        AmqpActivationSpec ok = TestContainer.spec("x");
        container.activate(fine, ok);
        try (AmqpConnection c = client("127.0.0.1", port(fine, ok)).getConnection()) {
            c.send("x", Message.of("still fine")).requireAccepted();
        }
    }

    @Test
    void deactivationReleasesThePortAtOnce() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> { });
        AmqpActivationSpec spec = TestContainer.spec("q");
        container.activate(endpoint, spec);
        int port = port(endpoint, spec);
        AmqpConnection c = client("127.0.0.1", port).getConnection();
        c.send("q", Message.of("before")).requireAccepted();

        container.listeners.deactivate(endpoint, spec);
        // The peer was told with an AMQP close; its next send fails saying so.
        AmqpException lost = assertThrows(AmqpException.class, () -> c.send("q", Message.of("after")));
        assertTrue(lost.getMessage().contains("was stopped"), lost.getMessage());
        c.close();

        AmqpActivationSpec again = TestContainer.spec("q");
        again.setPort(port);
        TestContainer.Endpoint redeployed = new TestContainer.Endpoint((m, ctx) -> { });
        container.activate(redeployed, again);
        try (AmqpConnection c2 = client("127.0.0.1", port).getConnection()) {
            c2.send("q", Message.of("again")).requireAccepted();
        }
    }

    @Test
    void maxConcurrencyBoundsParallelDeliveries() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        TestContainer.Endpoint slow = new TestContainer.Endpoint((m, ctx) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            gate.await(10, TimeUnit.SECONDS);
            inside.decrementAndGet();
        });
        AmqpActivationSpec spec = TestContainer.spec("slow");
        spec.setMaxConcurrency(3);
        container.activate(slow, spec);
        try (AmqpConnection c = client("127.0.0.1", port(slow, spec)).getConnection()) {
            List<CompletableFuture<Outcome>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sends.add(c.sendAsync("slow", Message.of("m" + i)).toCompletableFuture());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inside.get() < 3 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            gate.countDown();
            for (CompletableFuture<Outcome> s : sends) {
                assertEquals(Outcome.accepted(), s.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(3, most.get());
    }

    @Test
    void aLargeMessageInManyFramesArrivesWhole() throws Exception {
        Queue<byte[]> seen = new ConcurrentLinkedQueue<>();
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> seen.add(m.bodyAsBytes()));
        AmqpActivationSpec spec = TestContainer.spec("big");
        spec.setMaxFrameSize(4096);
        container.activate(endpoint, spec);
        byte[] big = new byte[1_000_000];
        new java.util.Random(7).nextBytes(big);
        try (AmqpConnection c = client("127.0.0.1", port(endpoint, spec)).getConnection()) {
            c.send("big", Message.of(big)).requireAccepted();
        }
        assertTrue(java.util.Arrays.equals(big, seen.poll()));
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        TestContainer.Endpoint endpoint = new TestContainer.Endpoint((m, ctx) -> { });
        AmqpActivationSpec spec = TestContainer.spec("v6");
        spec.setHost("[::1]");
        container.activate(endpoint, spec);
        try (AmqpConnection c = client("::1", port(endpoint, spec)).getConnection()) {
            c.send("v6", Message.of("over ipv6")).requireAccepted();
        }
    }
}
