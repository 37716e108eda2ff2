package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.link.Completer;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.link.IncomingLink;
import io.amqpra.impl.link.PendingSend;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What waits while no attempt is open: sends in the order they were issued, and receives by
 * address. A lost attempt hands over what its links held; the next open one gets it all replayed.
 * Loop thread only.
 */
final class Backlog {

    private final ArrayDeque<PendingSend> sends = new ArrayDeque<>();
    private final Map<String, List<CompletableFuture<IncomingDelivery>>> receives = new LinkedHashMap<>();
    private final Completer completer;

    Backlog(Completer completer) {
        this.completer = completer;
    }

    void add(PendingSend send) {
        sends.add(send);
    }

    void add(String address, CompletableFuture<IncomingDelivery> waiter) {
        receives.computeIfAbsent(address, a -> new ArrayList<>()).add(waiter);
    }

    /** A send timed out. */
    void remove(PendingSend send) {
        sends.remove(send);
    }

    /** A receive gave up waiting. */
    void remove(String address, CompletableFuture<IncomingDelivery> waiter) {
        List<CompletableFuture<IncomingDelivery>> waiting = receives.get(address);
        if (waiting != null) {
            waiting.remove(waiter);
        }
    }

    /**
     * Takes what the links of a lost attempt held: its sends go before those waiting here, which
     * were issued later; those whose outcome is unknown fail with {@code unknownOutcome} unless
     * {@code resend}. Its waiting receives join those of their address.
     */
    void salvage(Attempt lost, boolean resend, AmqpException unknownOutcome) {
        List<PendingSend> retry = new ArrayList<>();
        lost.drainLinks(retry, resend, unknownOutcome,
                (address, waiters) -> receives.computeIfAbsent(address, a -> new ArrayList<>()).addAll(waiters));
        retry.addAll(sends);
        sends.clear();
        sends.addAll(retry);
    }

    /** Puts what waited during the outage onto the links of an open attempt, in the order it was issued. */
    void replay(Attempt open) {
        PendingSend send;
        while ((send = sends.poll()) != null) {
            if (!send.isDone()) {
                open.sender(send.address).offer(send);
            }
        }
        receives.forEach((address, waiters) -> {
            IncomingLink link = open.receiver(address);
            waiters.forEach(link::request);
        });
        receives.clear();
    }

    /** The receivers were released: waiting receives end with nothing. */
    void releaseReceives() {
        receives.values().forEach(list -> list.forEach(w -> w.complete(null)));
        receives.clear();
    }

    /** Nothing more will be tried: everything waiting fails with {@code cause}. */
    void failAll(AmqpException cause) {
        sends.forEach(send -> send.fail(cause, completer));
        sends.clear();
        receives.values().forEach(list -> list.forEach(w -> w.completeExceptionally(cause)));
        receives.clear();
    }
}
