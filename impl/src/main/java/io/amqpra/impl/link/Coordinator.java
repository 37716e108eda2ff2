package io.amqpra.impl.link;

import io.amqpra.api.AmqpException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

/**
 * The link to the peer's transaction coordinator: sends declares and discharges, one delivery
 * each, in the order asked and as credit allows, and completes each with the peer's answer.
 * Loop thread only.
 */
public final class Coordinator {

    /** What a failed request tells its caller. */
    public interface Failures {

        /** The coordinator refused the request with {@code error} (may be {@code null}). */
        AmqpException refused(ErrorCondition error);

        /**
         * The link or connection ended with {@code cause}; {@code sent} if the request had gone
         * out. {@code null} counts as done: a rollback needs nothing more once the peer lost it.
         */
        AmqpException lost(boolean sent, AmqpException cause);
    }

    /** One declare or discharge: its encoded message and how it fails. */
    public static final class Request {
        private final byte[] payload;
        private final Failures failures;
        private final CompletableFuture<Binary> future = new CompletableFuture<>();
        private boolean done;

        public Request(byte[] payload, Failures failures) {
            this.payload = payload;
            this.failures = failures;
        }

        /**
         * Completes with the transaction id for a declare, or {@code null} for a discharge the
         * coordinator accepted. It completes on the loop, where only threads that wait on it, and
         * the adapter's own short steps, may depend on it: a commit waited for on the thread that
         * completes futures would otherwise wait for itself.
         */
        public CompletableFuture<Binary> future() {
            return future;
        }

        void complete(Binary id) {
            if (!done) {
                done = true;
                future.complete(id);
            }
        }

        void lost(boolean wasSent, AmqpException cause) {
            AmqpException error = failures.lost(wasSent, cause);
            if (error == null) {
                complete(null);
            } else {
                fail(error);
            }
        }

        void fail(AmqpException error) {
            if (!done) {
                done = true;
                future.completeExceptionally(error);
            }
        }
    }

    private final Sender sender;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final Set<Request> sent = new LinkedHashSet<>();
    private long nextTag;

    public Coordinator(Sender sender) {
        this.sender = sender;
        sender.setContext(this);
    }

    public void offer(Request request) {
        waiting.add(request);
        onFlow();
    }

    /** The coordinator granted credit: send what waits. */
    public void onFlow() {
        while (sender.getCredit() > 0 && !waiting.isEmpty()) {
            Request request = waiting.poll();
            Delivery delivery = sender.delivery(Long.toString(nextTag++).getBytes(StandardCharsets.US_ASCII));
            delivery.setContext(request);
            sender.send(request.payload, 0, request.payload.length);
            sender.advance();
            sent.add(request);
        }
    }

    /** The coordinator answered: declared, accepted (discharged), or refused. */
    public void onDelivery(Delivery delivery) {
        DeliveryState state = delivery.getRemoteState();
        if (state == null && !delivery.remotelySettled()) {
            return;
        }
        delivery.settle();
        if (!(delivery.getContext() instanceof Request request)) {
            return;
        }
        sent.remove(request);
        if (state instanceof Declared declared) {
            request.complete(declared.getTxnId());
        } else if (state instanceof Accepted) {
            request.complete(null);
        } else {
            request.fail(request.failures.refused(state instanceof Rejected r ? r.getError() : null));
        }
    }

    /** The link or the connection ended with {@code cause}: every request not answered fails. */
    public void failAll(AmqpException cause) {
        sent.forEach(r -> r.lost(true, cause));
        sent.clear();
        waiting.forEach(r -> r.lost(false, cause));
        waiting.clear();
    }
}
