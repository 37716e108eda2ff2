package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.impl.client.AmqpClientConnection;
import io.amqpra.impl.client.Transaction;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.message.MessageCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an application holds: a handle on a pooled managed connection. Messages are encoded and
 * decoded here, on the caller's thread, so the event loop only moves bytes.
 */
public final class AmqpConnectionHandle implements AmqpConnection {

    /** Extra wait beyond the loop's own deadline, in case the loop itself is late. */
    private static final long GRACE_MILLIS = 5_000;

    private volatile AmqpManagedConnection mc;
    private volatile boolean closed;
    /** Why the pool took the connection away while this handle was open, if it was lost. */
    private volatile AmqpException lostBy;
    /** The managed connection lost under this handle: its transaction can still be ended. */
    private volatile AmqpManagedConnection lostFrom;

    AmqpConnectionHandle(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    @Override
    public Outcome send(String address, Message message) throws AmqpException {
        AmqpManagedConnection m = managed();
        AmqpClientConnection client = m.client();
        CompletableFuture<Outcome> outcome = client.send(checkAddress(address), encode(message), true,
                m.transactions().forSend());
        long timeout = client.settings().limits().sendTimeoutMillis();
        try {
            return m.outcomeWait().await(outcome, timeout + GRACE_MILLIS);
        } catch (ExecutionException e) {
            throw asAmqp(e.getCause());
        } catch (TimeoutException e) {
            throw MESSAGES.noOutcomeWithin(address, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MESSAGES.interruptedAwaitingOutcome(address);
        }
    }

    @Override
    public CompletionStage<Outcome> sendAsync(String address, Message message) {
        try {
            AmqpManagedConnection m = managed();
            return m.client().send(checkAddress(address), encode(message), false, m.transactions().forSend());
        } catch (AmqpException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<ReceivedMessage> receive(String address, Duration timeout) throws AmqpException {
        Objects.requireNonNull(timeout, "timeout");
        AmqpClientConnection client = client();
        long millis = Math.max(0, timeout.toMillis());
        CompletableFuture<IncomingDelivery> arrival = client.receiving().receive(checkAddress(address), millis);
        IncomingDelivery delivery;
        try {
            delivery = arrival.get(millis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asAmqp(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            // Whatever arrives for this receive now goes back to the peer, not into a void.
            arrival.thenAccept(d -> {
                if (d != null) {
                    client.receiving().giveBack(d);
                }
            });
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw MESSAGES.receiveUnfinished(address, e);
        }
        if (delivery == null) {
            return Optional.empty();
        }
        return Optional.of(ReceivedMessageImpl.of(this, client, address, delivery));
    }

    @Override
    public void begin() throws AmqpException {
        managed().transactions().beginByApplication();
    }

    @Override
    public void commit() throws AmqpException {
        ending().commitByApplication();
    }

    @Override
    public void rollback() throws AmqpException {
        ending().rollbackByApplication();
    }

    /**
     * The transactions of this handle's connection, or of the one lost under it: a commit then
     * fails with what happened, and a rollback is done already.
     */
    private LocalTransactions ending() throws AmqpException {
        AmqpManagedConnection lost = lostFrom;
        return mc == null && !closed && lost != null ? lost.transactions() : managed().transactions();
    }

    /** The transaction this handle's sends and settlements join now, or {@code null}. */
    Transaction transaction() {
        AmqpManagedConnection m = mc;
        return m == null ? null : m.transactions().current();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AmqpManagedConnection m = mc;
        if (m != null) {
            m.handleClosed(this);
        }
    }

    boolean isClosed() {
        return closed || mc == null;
    }

    /** The pool took the managed connection back (cleanup) or destroyed it. */
    void invalidate(AmqpException lostBy) {
        this.lostBy = lostBy;
        if (lostBy != null) {
            lostFrom = mc;
        }
        mc = null;
    }

    void moveTo(AmqpManagedConnection target) {
        AmqpManagedConnection old = mc;
        if (old != null) {
            old.detach(this);
        }
        mc = target;
        target.attach(this);
    }

    private AmqpClientConnection client() throws AmqpException {
        return managed().client();
    }

    private AmqpManagedConnection managed() throws AmqpException {
        AmqpManagedConnection m = mc;
        if (m != null && !closed) {
            return m;
        }
        AmqpException lost = lostBy;
        if (lost != null && !closed) {
            throw MESSAGES.handleUnusable(lost.getMessage(), lost);
        }
        throw MESSAGES.handleUnusable();
    }

    private static String checkAddress(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("address is required");
        }
        return address;
    }

    private static byte[] encode(Message message) throws AmqpException {
        Objects.requireNonNull(message, "message");
        try {
            return MessageCodec.encode(message);
        } catch (IllegalArgumentException e) {
            throw MESSAGES.cannotEncode(message, e.getMessage(), e);
        }
    }

    static AmqpException asAmqp(Throwable t) {
        return t instanceof AmqpException amqp ? amqp : MESSAGES.unexpected(t, t);
    }
}
