package io.amqpra.impl.outbound;

import static io.amqpra.impl.outbound.PeerSupport.expectConnect;
import static io.amqpra.impl.outbound.PeerSupport.expectSender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.api.TransactionRolledBackException;
import io.amqpra.impl.Await;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.LocalTransaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AMQP local transactions against a scripted coordinator: what goes over the wire for declare,
 * transactional transfers and dispositions, and discharge, and what the caller sees when the
 * peer refuses or the connection drops.
 */
@Timeout(30)
class TransactionProtocolTest {

    private static final byte[] TXN = {1, 2, 3, 4};

    /** A coordinator link, answered, with credit for two requests. */
    private static void expectCoordinator(ProtonTestServer peer) {
        peer.expectCoordinatorAttach().respond();
        peer.remoteFlow().withLinkCredit(2).queue();
    }

    /** Connect, attach the coordinator, and declare {@link #TXN}. */
    private static void expectDeclared(ProtonTestServer peer) {
        expectConnect(peer);
        expectCoordinator(peer);
        peer.expectDeclare().declared(TXN);
    }

    /** A transfer in {@link #TXN}, which the peer accepts in it. */
    private static void expectTransactionalSend(ProtonTestServer peer) {
        peer.expectTransfer().withNonNullPayload().withState().transactional().withTxnId(TXN).and()
                .respond().withSettled(true).withState().transactional().withTxnId(TXN).withAccepted();
    }

    @Test
    void aCommittedTransactionDeclaresSendsInItAndDischarges() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            expectSender(peer, "orders", 10);
            for (int i = 0; i < 2; i++) {
                expectTransactionalSend(peer);
            }
            peer.expectDischarge().withFail(false).withTxnId(TXN).accept();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                assertEquals(Outcome.accepted(), connection.send("orders", Message.of("one")));
                assertEquals(Outcome.accepted(), connection.send("orders", Message.of("two")));
                connection.commit();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertThrows(IllegalStateException.class, connection::commit, "nothing left to commit");
            }
        }
    }

    @Test
    void aCommitWaitsForTheSendsOfItsTransactionThatWaitForCredit() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            peer.expectAttach().ofSender().withTarget().withAddress("orders").and().respond();
            expectTransactionalSend(peer);
            peer.expectDischarge().withFail(false).withTxnId(TXN).accept();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                CompletableFuture<Outcome> sent = connection.sendAsync("orders", Message.of("one")).toCompletableFuture();
                Thread committer = new Thread(() -> {
                    try {
                        connection.commit();
                    } catch (AmqpException e) {
                        throw new IllegalStateException(e);
                    }
                });
                committer.start();
                // Once the committer waits, a discharge sent at once would already be on its way,
                // ahead of the transfer that still has no credit.
                Await.until("the commit to wait", Duration.ofSeconds(5),
                        () -> committer.getState() == Thread.State.TIMED_WAITING);
                peer.remoteFlow().withLinkCredit(1).withHandle(1).withDeliveryCount(0).withIncomingWindow(1000)
                        .withNextIncomingId(1).withOutgoingWindow(1000).withNextOutgoingId(1).now();
                committer.join(10_000);
                assertEquals(Outcome.accepted(), sent.get(5, TimeUnit.SECONDS));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRolledBackTransactionIsDischargedWithFail() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            expectSender(peer, "orders", 10);
            expectTransactionalSend(peer);
            peer.expectDischarge().withFail(true).withTxnId(TXN).accept();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                connection.send("orders", Message.of("one"));
                connection.rollback();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMessageReceivedInATransactionIsSettledInIt() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            peer.expectAttach().ofReceiver().withSource().withAddress("inbox").and().respond();
            peer.expectFlow().withLinkCredit(1);
            peer.remoteTransfer().withDeliveryId(0).withBody().withString("work").also().queue();
            peer.expectDisposition().withSettled(true).withState().transactional().withTxnId(TXN).withAccepted();
            peer.expectDischarge().withFail(false).withTxnId(TXN).accept();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                ReceivedMessage work = connection.receive("inbox", Duration.ofSeconds(5)).orElseThrow();
                work.accept();
                connection.commit();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRefusedDeclareFailsBeginWithThePeersReason() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectCoordinator(peer);
            peer.expectDeclare().reject("amqp:resource-limit-exceeded", "too many transactions");
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                AmqpException e = assertThrows(AmqpException.class, connection::begin);
                assertEquals("amqp:resource-limit-exceeded", e.errorCondition());
                assertTrue(e.getMessage().contains("refused to start a transaction: amqp:resource-limit-exceeded"
                        + " too many transactions; nothing was sent"), e.getMessage());
                assertThrows(IllegalStateException.class, connection::commit, "no transaction began");
            }
        }
    }

    @Test
    void aPeerWithoutACoordinatorFailsBeginAndSaysHowToSendWithoutTransactions() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            peer.expectCoordinatorAttach().reject(true, "amqp:not-implemented", "no transactions here");
            peer.expectDetach();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                AmqpException e = assertThrows(AmqpException.class, connection::begin);
                assertEquals("amqp:not-implemented", e.errorCondition());
                assertTrue(e.getMessage().contains("offers no transaction coordinator") && e.getMessage()
                        .contains("transactions=none"), e.getMessage());
            }
        }
    }

    @Test
    void aCommitThePeerRefusesIsARollback() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            peer.expectDischarge().withFail(false).withTxnId(TXN).reject("amqp:transaction:rollback", "conflict");
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class,
                        connection::commit);
                assertEquals("amqp:transaction:rollback", e.errorCondition());
                assertTrue(e.getMessage().contains("nothing sent in it was published"), e.getMessage());
            }
        }
    }

    @Test
    void aConnectionDroppedBetweenDeclareAndDischargeFailsTheCommitAndTheSendsAfterIt() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            expectSender(peer, "orders", 10);
            expectTransactionalSend(peer);
            peer.dropAfterLastHandler();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setReconnect(true); // the connection stays in the pool, reconnecting, as in a server
            mcf.setInitialReconnectDelay(60_000L);
            try (AmqpConnection connection = PeerSupport.factory(mcf).getConnection()) {
                connection.begin();
                connection.send("orders", Message.of("one"));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

                // Not resent on the next connection, not sent untransacted: the send fails.
                TransactionRolledBackException lateSend = assertThrows(TransactionRolledBackException.class,
                        () -> connection.send("orders", Message.of("two")));
                assertTrue(lateSend.getMessage().contains("The transaction ended with its connection"),
                        lateSend.getMessage());
                TransactionRolledBackException commit = assertThrows(TransactionRolledBackException.class,
                        connection::commit);
                assertTrue(commit.getMessage().contains("was lost before the transaction committed")
                        && commit.getMessage().contains("nothing sent in it was published"), commit.getMessage());
            }
        }
    }

    @Test
    void theContainersLocalTransactionEnlistsTheConnectionAndTheApplicationCannotEndIt() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            expectSender(peer, "orders", 10);
            expectTransactionalSend(peer);
            peer.expectDischarge().withFail(false).withTxnId(TXN).accept();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            List<Integer> events = new CopyOnWriteArrayList<>();
            mc.addConnectionEventListener(recorder(events));
            try {
                LocalTransaction jta = mc.getLocalTransaction();
                AmqpConnection connection = (AmqpConnection) mc.getConnection(null, null);
                jta.begin();
                connection.send("orders", Message.of("one"));
                assertThrows(IllegalStateException.class, connection::commit, "the container's to end");
                assertThrows(IllegalStateException.class, connection::begin, "already in one");
                jta.commit();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
                assertEquals(List.of(), events, "the container's own transaction is not announced to it");
            } finally {
                mc.destroy();
            }
        }
    }

    @Test
    void aSendThePeerDidNotAcceptTurnsTheCommitIntoARollback() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            expectSender(peer, "orders", 10);
            expectTransactionalSend(peer);
            peer.expectTransfer().withNonNullPayload().withState().transactional().withTxnId(TXN).and()
                    .respond().withSettled(true).withState().transactional().withTxnId(TXN)
                    .withRejected("amqp:resource-limit-exceeded", "queue full");
            peer.expectDischarge().withFail(true).withTxnId(TXN).accept();
            peer.start();

            try (AmqpConnection connection = factory(peer).getConnection()) {
                connection.begin();
                assertEquals(Outcome.accepted(), connection.send("orders", Message.of("one")));
                assertEquals(Outcome.Type.REJECTED, connection.send("orders", Message.of("two")).type());
                TransactionRolledBackException e = assertThrows(TransactionRolledBackException.class,
                        connection::commit);
                assertTrue(e.getMessage().contains("rolled back") && e.getMessage().contains("instead of committed"),
                        e.getMessage());
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sendsAfterTheContainerRolledBackUnderneathTheApplicationFailUntilTheConnectionIsReturned()
            throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            peer.expectDischarge().withFail(true).withTxnId(TXN).accept();
            expectSender(peer, "orders", 10);
            peer.expectTransfer().withNonNullPayload().withNullState().accept();
            peer.start();

            AmqpManagedConnection mc = (AmqpManagedConnection) PeerSupport.mcf(peer).createManagedConnection(null, null);
            try {
                AmqpConnection connection = (AmqpConnection) mc.getConnection(null, null);
                mc.getLocalTransaction().begin();
                mc.getLocalTransaction().rollback(); // the transaction timed out, on the reaper's thread
                assertThrows(TransactionRolledBackException.class, () -> connection.send("orders", Message.of("late")),
                        "must not go out outside the transaction the bean still believes in");
                mc.cleanup();
                AmqpConnection next = (AmqpConnection) mc.getConnection(null, null);
                assertEquals(Outcome.accepted(), next.send("orders", Message.of("next user")));
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            } finally {
                mc.destroy();
            }
        }
    }

    @Test
    void withTransactionsNoneTheContainerSendsOutsideItsTransactions() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectConnect(peer);
            expectSender(peer, "orders", 10);
            peer.expectTransfer().withNonNullPayload().withNullState().accept();
            peer.start();

            AmqpManagedConnectionFactory mcf = PeerSupport.mcf(peer);
            mcf.setTransactions("none");
            assertEquals(jakarta.resource.spi.TransactionSupport.TransactionSupportLevel.NoTransaction,
                    mcf.getTransactionSupport());
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            try {
                AmqpConnection connection = (AmqpConnection) mc.getConnection(null, null);
                mc.getLocalTransaction().begin();
                assertEquals(Outcome.accepted(), connection.send("orders", Message.of("one")));
                mc.getLocalTransaction().commit();
                peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
            } finally {
                mc.destroy();
            }
        }
    }

    @Test
    void anApplicationTransactionIsAnnouncedToThePool() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            expectDeclared(peer);
            peer.expectDischarge().withFail(true).withTxnId(TXN).accept();
            peer.start();

            AmqpManagedConnection mc = (AmqpManagedConnection) PeerSupport.mcf(peer).createManagedConnection(null, null);
            List<Integer> events = new CopyOnWriteArrayList<>();
            mc.addConnectionEventListener(recorder(events));
            try {
                AmqpConnection connection = (AmqpConnection) mc.getConnection(null, null);
                connection.begin();
                connection.rollback();
                assertEquals(List.of(ConnectionEvent.LOCAL_TRANSACTION_STARTED,
                        ConnectionEvent.LOCAL_TRANSACTION_ROLLEDBACK), events);
                assertNull(((AmqpConnectionHandle) connection).transaction());
            } finally {
                mc.destroy();
            }
        }
    }

    private static AmqpConnectionFactory factory(ProtonTestServer peer) throws Exception {
        return PeerSupport.factory(PeerSupport.mcf(peer));
    }

    private static ConnectionEventListener recorder(List<Integer> events) {
        return new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
                events.add(event.getId());
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
                events.add(event.getId());
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
                events.add(event.getId());
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
            }
        };
    }
}
