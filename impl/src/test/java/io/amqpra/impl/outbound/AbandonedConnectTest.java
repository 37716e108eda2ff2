package io.amqpra.impl.outbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.impl.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code getConnection()} that gives up, by its timeout or by an interrupt, leaves no connection
 * behind: nothing goes on connecting, or opens later, for a caller who is gone.
 */
@Timeout(30)
class AbandonedConnectTest {

    @Test
    void anInterruptedGetConnectionClosesTheConnectionItWasOpening() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLAnonymousConnect();
            peer.expectOpen(); // not answered while the caller waits
            peer.expectBegin();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setReconnect(true);
            mcf.setConnectTimeout(20_000L);
            AmqpConnectionFactory cf = PeerSupport.factory(mcf);
            CompletableFuture<Throwable> result = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    cf.getConnection().close();
                    result.complete(null);
                } catch (Throwable t) {
                    result.complete(t);
                }
            }, "interrupted-caller");
            caller.start();
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS); // our open is at the peer

            peer.expectConnectionToDrop();
            caller.interrupt();
            Throwable thrown = result.get(5, TimeUnit.SECONDS);
            assertInstanceOf(AmqpException.class, thrown);
            assertTrue(thrown.getMessage().contains("Interrupted"), thrown.getMessage());
            // Nobody holds that connection: it must go, not open when the peer answers at last.
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGetConnectionThatTimedOutLeavesNothingRetrying() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger attempts = new AtomicInteger();
            Thread acceptor = new Thread(() -> acceptAndClose(refusing, attempts), "refusing-peer");
            acceptor.setDaemon(true);
            acceptor.start();

            AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
            mcf.setHost("127.0.0.1");
            mcf.setPort(refusing.getLocalPort());
            mcf.setReconnect(true);
            mcf.setInitialReconnectDelay(10L);
            mcf.setMaxReconnectDelay(20L);
            mcf.setConnectTimeout(500L);
            AmqpException e = assertThrows(AmqpException.class,
                    () -> PeerSupport.factory(mcf).getConnection());
            assertTrue(attempts.get() > 1, "it retried before giving up: " + attempts.get() + " " + e.getMessage());

            // One attempt may have been on its way when it gave up; after that, none. Attempts
            // came every 20 ms at most, so a second without one shows they stopped.
            int after = attempts.get() + 1;
            assertFalse(Await.within(Duration.ofSeconds(1), () -> attempts.get() > after),
                    "still connecting after getConnection failed: " + attempts.get() + " attempts");
        }
    }

    private static void acceptAndClose(ServerSocket server, AtomicInteger attempts) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                attempts.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
