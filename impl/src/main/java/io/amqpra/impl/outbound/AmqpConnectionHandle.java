package io.amqpra.impl.outbound;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.ReceivedMessage;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.impl.client.AmqpClientConnection;
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

    AmqpConnectionHandle(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    @Override
    public Outcome send(String address, Message message) throws AmqpException {
        AmqpClientConnection client = client();
        CompletableFuture<Outcome> outcome = client.send(checkAddress(address), encode(message), true);
        long timeout = client.settings().limits().sendTimeoutMillis();
        try {
            return client.outcomeWait().await(outcome, timeout + GRACE_MILLIS);
        } catch (ExecutionException e) {
            throw asAmqp(e.getCause());
        } catch (TimeoutException e) {
            throw new SendTimeoutException("AMQPRA0040: No outcome for a message to '" + address
                    + "' within " + timeout + " ms (sendTimeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("AMQPRA0041: Interrupted while waiting for the outcome of a message to '"
                    + address + "'; the peer may or may not have it");
        }
    }

    @Override
    public CompletionStage<Outcome> sendAsync(String address, Message message) {
        try {
            return client().send(checkAddress(address), encode(message), false);
        } catch (AmqpException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<ReceivedMessage> receive(String address, Duration timeout) throws AmqpException {
        Objects.requireNonNull(timeout, "timeout");
        AmqpClientConnection client = client();
        long millis = Math.max(0, timeout.toMillis());
        CompletableFuture<IncomingDelivery> arrival = client.receive(checkAddress(address), millis);
        IncomingDelivery delivery;
        try {
            delivery = arrival.get(millis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asAmqp(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            // Whatever arrives for this receive now goes back to the peer, not into a void.
            arrival.thenAccept(d -> {
                if (d != null) {
                    client.giveBack(d);
                }
            });
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AmqpException("AMQPRA0042: Receive from '" + address + "' did not finish: " + e);
        }
        if (delivery == null) {
            return Optional.empty();
        }
        return Optional.of(ReceivedMessageImpl.of(this, client, address, delivery));
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
        AmqpManagedConnection m = mc;
        if (m != null && !closed) {
            return m.client();
        }
        AmqpException lost = lostBy;
        if (lost != null && !closed) {
            throw new ConnectionLostException("AMQPRA0043: The connection of this handle was lost ("
                    + lost.getMessage() + "); get a new one from the connection factory", lost);
        }
        throw new IllegalStateException("AMQPRA0043: This connection handle is closed; "
                + "get a new one from the connection factory");
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
            throw new AmqpException("AMQPRA0044: Cannot encode " + message + ": " + e.getMessage(), e);
        }
    }

    static AmqpException asAmqp(Throwable t) {
        return t instanceof AmqpException amqp ? amqp
                : new AmqpException("AMQPRA0045: " + t, t);
    }
}
