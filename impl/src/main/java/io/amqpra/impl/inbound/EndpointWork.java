package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.PeerMessages.PEER;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.Message;
import io.amqpra.api.status.Figure;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.message.MessageCodec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * Delivers one message to a message endpoint on a container thread, then sends the outcome:
 * the one the endpoint chose, else accepted if it returned, else rejected (or released) if it
 * threw; a transacted delivery whose transaction rolled back is never accepted (see
 * {@link DeliveryTransaction}). The outcome goes to the peer only after the endpoint returned.
 */
final class EndpointWork implements Work {

    private static final AmqpLogger LOG = AmqpLogger.of(EndpointWork.class);

    private final Dispatcher activation;
    private final Inbound first;

    /**
     * The endpoint this work delivers to, kept from one message to the next (the connector
     * contract allows several deliveries per endpoint), so that messages that run back to back
     * take one instance from the container's pool, not one each.
     */
    private MessageEndpoint endpoint;

    /** For a transacted delivery, what the container's transaction did; else {@code null}. */
    private final DeliveryTransaction transaction;

    /** Whether the last call to the bean threw (or could not be prepared). */
    private boolean threw;

    EndpointWork(Dispatcher activation, Inbound first) {
        this.activation = activation;
        this.first = first;
        this.transaction = activation.transacted() ? new DeliveryTransaction(activation.transactions()) : null;
    }

    @Override
    public void run() {
        try {
            for (Inbound inbound = first; inbound != null; inbound = activation.nextOrDone()) {
                if (inbound.stale()) {
                    continue; // its peer delivers it again: no bean needs to see it twice
                }
                DeliveryState outcome;
                boolean commit;
                activation.figures().increment(Figure.BEANS_IN_FLIGHT);
                try {
                    outcome = deliver(inbound);
                    commit = committed();
                } catch (RuntimeException | Error e) {
                    // Whatever failed, the message gets an outcome and the slot stays: an Error
                    // that left here would cost a concurrency slot for good, and the message its outcome.
                    LOG.deliveryFailed(e, activation.describe());
                    discardEndpoint();
                    outcome = Released.getInstance();
                    commit = false;
                } finally {
                    activation.figures().decrement(Figure.BEANS_IN_FLIGHT);
                }
                inbound.finish(outcome, commit);
            }
        } finally {
            discardEndpoint();
        }
    }

    private void discardEndpoint() {
        if (endpoint != null) {
            MessageEndpoint e = endpoint;
            endpoint = null;
            e.release();
        }
    }

    private DeliveryState deliver(Inbound inbound) {
        Message message;
        try {
            message = MessageCodec.decode(inbound.bytes(), inbound.bytes().length);
        } catch (RuntimeException e) {
            return rejected("amqp:decode-error", "cannot decode the message: " + e.getMessage());
        }
        DeliveryState poison = activation.rules().poison().apply(message);
        // A message that failed often enough must not reach a bean again.
        return poison != null ? poison : invoke(inbound, message, new InboundDeliveryContext(inbound, message));
    }

    /**
     * Calls the bean, with the container's before and after; the outcome it leads to. A
     * transacted delivery's outcome also follows how the container's transaction ended.
     */
    private DeliveryState invoke(Inbound inbound, Message message, InboundDeliveryContext context) {
        if (endpoint == null) {
            try {
                endpoint = activation.factory().createEndpoint(transaction == null ? null : transaction.xaResource());
            } catch (UnavailableException e) {
                return Released.getInstance(); // undeploying: the peer may deliver it again
            }
        }
        if (transaction == null) {
            return call(endpoint, message, context);
        }
        try {
            inbound.begin();
        } catch (AmqpException e) {
            LOG.transactionNotStarted(activation.describe(), inbound.address(), e.getMessage());
            return Released.getInstance(); // no transaction began: there is nothing to commit
        }
        transaction.reset();
        return transaction.settle(call(endpoint, message, context), threw);
    }

    /**
     * Whether the last delivery's transaction committed: the bean returned and the container did
     * not roll it back. Always so for a delivery without one.
     */
    private boolean committed() {
        return transaction == null || (!threw && !transaction.rolledBack());
    }

    private DeliveryState call(MessageEndpoint current, Message message, InboundDeliveryContext context) {
        threw = false;
        try {
            current.beforeDelivery(EndpointActivation.ON_MESSAGE);
            if (transaction != null) {
                transaction.listen();
            }
            try {
                ((AmqpMessageListener) current).onMessage(message, context);
            } catch (Throwable t) {
                threw = true;
                return context.chosen() != null ? context.chosen() : onError(t);
            } finally {
                current.afterDelivery();
            }
        } catch (NoSuchMethodException | ResourceException e) {
            threw = true;
            LOG.deliveryNotPrepared(e, activation.describe());
            return context.chosen() != null ? context.chosen() : Released.getInstance();
        } finally {
            if (threw) {
                discardEndpoint(); // the container may have discarded the bean behind it: take a new one
            }
        }
        return context.chosen() != null ? context.chosen() : Accepted.getInstance();
    }

    private DeliveryState onError(Throwable t) {
        LOG.debugf(t, "Endpoint %s threw", activation.describe());
        return activation.rules().onError().apply(t);
    }

    /** The outcome that tells the peer what the bean threw: {@code amqp:internal-error}, with its text. */
    static Rejected internalError(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return rejected("amqp:internal-error", root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    /**
     * The outcome that tells the peer only that the bean failed, with a reference under which the
     * server logs what it threw: any peer may read a rejection, and an exception's text may name
     * tables, files or hosts.
     */
    static Rejected internalErrorByReference(Throwable t, String endpoint) {
        String reference = UUID.randomUUID().toString();
        LOG.beanThrew(t, endpoint, reference);
        return rejected("amqp:internal-error", PEER.beanFailed(reference));
    }

    static Rejected rejected(String condition, String description) {
        Rejected rejected = new Rejected();
        rejected.setError(new ErrorCondition(Symbol.valueOf(condition), description));
        return rejected;
    }

    @Override
    public void release() {
        // The endpoint call cannot be interrupted safely; it finishes on its own.
    }
}
