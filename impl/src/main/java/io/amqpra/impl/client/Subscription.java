package io.amqpra.impl.client;

import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.link.IncomingLink;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A consumer of one {@link AmqpClientConnection}: its link is attached whenever the connection is
 * open, again after every reconnect (with the same name, so a durable subscription resumes), and
 * again with backoff when the broker refuses or ends it. Messages go to the handler on the event
 * loop; it must hand them off. Its state is the loop's.
 */
public final class Subscription {

    final ConsumerSpec spec;
    final Consumer<IncomingDelivery> handler;
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AmqpClientConnection connection;
    /** The link of the current attempt, or {@code null} while there is none. */
    IncomingLink link;
    /** Refusals since the link last attached: the backoff of the next try. */
    int refusals;
    boolean stopped;

    Subscription(AmqpClientConnection connection, ConsumerSpec spec, Consumer<IncomingDelivery> handler) {
        this.connection = connection;
        this.spec = spec;
        this.handler = handler;
    }

    /**
     * Consumes from the broker over {@code connection}: the consumer's link attaches now if the
     * connection is open, and on every attempt that opens later. Each message goes to
     * {@code handler} on the event loop.
     */
    public static Subscription start(AmqpClientConnection connection, ConsumerSpec spec,
                                     Consumer<IncomingDelivery> handler) {
        Subscription s = new Subscription(connection, spec, handler);
        connection.execute(() -> {
            if (connection.ending()) {
                s.ended.complete(null);
            } else {
                connection.subscriptions().add(s);
            }
        });
        return s;
    }

    public ConsumerSpec spec() {
        return spec;
    }

    /** Takes no more messages: asks the broker to drain the link's credit. Any thread. */
    public void stop() {
        connection.execute(() -> connection.subscriptions().stop(this));
    }

    /**
     * Releases what is still unsettled and ends the link: {@code keep} detaches it, so that the
     * broker keeps a durable subscription; otherwise the link is closed. Any thread.
     */
    public CompletableFuture<Void> end(boolean keep) {
        connection.execute(() -> connection.subscriptions().end(this, keep));
        return ended;
    }

    /** Messages handed out and not yet settled. Loop thread only. */
    int unsettled() {
        return link == null ? 0 : link.unsettled();
    }
}
