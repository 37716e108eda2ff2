package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AmqpSecurityException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.client.AmqpClientConnection;
import io.amqpra.impl.client.ClientConfig;
import io.amqpra.impl.client.ConnectionListener;
import io.amqpra.impl.client.ConsumerSpec;
import io.amqpra.impl.client.Subscription;
import io.amqpra.impl.client.Transaction;
import io.amqpra.impl.client.Transactions;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.config.ConsumerOptions;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.event.OutgoingEvents;
import io.amqpra.impl.link.IncomingDelivery;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.stats.StatusBoard;
import io.amqpra.impl.transport.EventLoops;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * A message-driven bean that consumes from a broker ({@code mode=connect}). It has its own
 * outgoing connection, with the reconnect, failover, TLS and SASL of a connection factory, and
 * one consumer link on it, attached again after every reconnect. A broker that is down at
 * deployment, or a connection that gave up reconnecting, is tried again with backoff: the bean
 * never stops consuming silently. Only a security failure stops it, with an error.
 *
 * <p>Each message reaches the bean as {@code Work}; its outcome is sent after the bean returns,
 * on the link it came on, and only then does the link get that credit back. So at most
 * {@code linkCredit} messages are in memory, however fast the broker pushes.
 */
final class ConsumerActivation implements ConnectionListener {

    private static final AmqpLogger LOG = AmqpLogger.of(ConsumerActivation.class);

    private final ConsumerOptions options;
    private final ClientConfig config;
    private final EventLoops loops;
    private final Dispatcher dispatcher;
    private final OutgoingEvents events;
    private final ConsumerSpec spec;
    private final String bean;
    private final Figures figures = new Figures(ResourceStatus.Kind.CONSUMER);
    private final StatusBoard board;
    private StatusBoard.Registration onBoard;
    private volatile AmqpClientConnection connection;
    /** The connection being opened, so that undeploy can stop it before it opened. */
    private AmqpClientConnection connecting;
    /** Counts lost connections: a message from before the latest loss can no longer be settled. */
    private volatile int epoch;
    private volatile Subscription subscription;
    private volatile boolean stopped;
    private int failures;

    /** A consumer with the options of {@code activationSpec}, connecting with {@code connection}. */
    ConsumerActivation(MessageEndpointFactory factory, AmqpActivationSpec activationSpec, ConnectionSettings connection,
                       EventLoops loops, Container container) throws ResourceException {
        this.options = activationSpec.consumerOptions();
        this.bean = EndpointActivation.endpointClass(factory);
        boolean subscription = options.subscriptionName() != null;
        ConnectionSettings settings = connection
                // A subscription is found again by the container id and its name: keep the id stable.
                .withDefaultContainerId(subscription ? "amqp-ra-" + bean : null);
        if (activationSpec.getConnectionFactoryLookup() != null) {
            LOG.connectionFactorySettings(bean, options.address(), activationSpec.getConnectionFactoryLookup().trim(),
                    activationSpec.ownConnectionProperties());
        }
        this.config = ClientConfig.of(settings, getClass().getClassLoader(), figures);
        this.board = container.board();
        this.loops = loops;
        this.events = new OutgoingEvents(EndpointActivation.eventsOf(factory, loops.completions()), () -> bean);
        this.spec = new ConsumerSpec(options.address(), subscription ? options.subscriptionName()
                : "amqp-ra-consumer-" + options.address() + "-" + UUID.randomUUID(), options.topic(),
                options.filter(), options.durable(), options.shared(), options.linkCredit());
        this.dispatcher = new Dispatcher(factory, container, rules(), bean + " (consuming from '"
                + options.address() + "' on " + settings.endpoint() + ")", figures);
    }

    ConsumerOptions options() {
        return options;
    }

    /** Starts consuming; never waits for the broker. */
    void start() {
        onBoard = board.add(bean + " from " + options.address(), figures, this::problem);
        connect();
    }

    /** Why the bean gets no messages now, or {@code null}: it does while its connection is open. */
    private String problem() {
        if (figures.get(Figure.CONNECTIONS_OPEN) > 0) {
            return null;
        }
        String problem = figures.connectionProblem();
        return problem != null ? problem : "connecting";
    }

    private void connect() {
        if (stopped) {
            return;
        }
        AmqpClientConnection attempt = AmqpClientConnection.open(config, loops, this);
        synchronized (this) {
            connecting = attempt;
        }
        attempt.opened().whenComplete((c, failure) -> {
            if (failure != null) {
                retryOrStop(failure instanceof AmqpException e ? e : new AmqpException(failure.toString(), failure));
            } else {
                connected(c);
            }
        });
    }

    private void connected(AmqpClientConnection c) {
        synchronized (this) {
            if (!stopped) {
                connection = c;
                subscription = Subscription.start(c, spec, this::arrived);
                failures = 0;
                LOG.consumerStarted(bean, options.address(), c.settings().endpoint());
                return;
            }
        }
        c.close();
    }

    /** The connection could not be opened, or gave up reconnecting: try a new one, unless it can't help. */
    private void retryOrStop(AmqpException cause) {
        if (stopped) {
            return;
        }
        if (cause instanceof AmqpSecurityException) {
            LOG.consumerStopped(bean, options.address(), cause.getMessage());
            events.gaveUp(config.settings().transport().containerId(), cause);
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = ++failures;
        }
        long delay = Math.max(config.settings().reconnect().delayMillis(attempt,
                ThreadLocalRandom.current().nextDouble()), 1);
        LOG.consumerNotConnected(bean, options.address(), cause.getMessage(), delay);
        loops.group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** On the event loop: hands the message on; the dispatcher never blocks it. */
    private void arrived(IncomingDelivery delivery) {
        dispatcher.dispatch(new ConsumedMessage(this, delivery, epoch));
    }

    /** Whether a message that arrived in {@code since} came before a lost connection. */
    boolean lostSince(int since) {
        return epoch != since;
    }

    /**
     * Settles a message, in {@code txn} unless that is {@code null}. A message whose link is gone
     * is not settled: the broker delivers it again, and the future fails.
     */
    CompletableFuture<Void> settle(IncomingDelivery delivery, DeliveryState outcome, Transaction txn) {
        AmqpClientConnection c = connection;
        return c == null ? CompletableFuture.failedFuture(notConnected()) : c.receiving().settle(delivery, outcome, txn);
    }

    /** Settles a message outside a transaction, batched with others; one whose link is gone comes again. */
    void settleSoon(IncomingDelivery delivery, DeliveryState outcome) {
        AmqpClientConnection c = connection;
        if (c != null) {
            c.receiving().settleSoon(delivery, outcome);
        }
    }

    CompletionStage<Outcome> send(String address, byte[] bytes, Transaction txn) {
        AmqpClientConnection c = connection;
        return c == null ? CompletableFuture.failedFuture(notConnected()) : c.send(address, bytes, false, txn);
    }

    /** Declares an AMQP transaction on the consumer's connection, waiting up to {@code sendTimeout}. */
    Transaction declare() throws AmqpException {
        AmqpClientConnection c = connection;
        if (c == null) {
            throw notConnected();
        }
        return Transactions.await(c.transactions().declare(), c);
    }

    /** Between connections: what a settlement, a send or a declare fails with. */
    private static AmqpException notConnected() {
        return new AmqpException("Not connected", (String) null);
    }

    /** Commits or rolls back; a failed commit leaves the message to be delivered again. */
    void discharge(Transaction txn, boolean fail) {
        AmqpClientConnection c = connection;
        if (c != null) {
            c.transactions().discharge(txn, fail).exceptionally(e -> {
                if (!fail) {
                    LOG.transactionNotCommitted(bean, options.address(), e.getMessage());
                }
                return null;
            });
        }
    }

    String remoteContainerId() {
        AmqpClientConnection c = connection;
        return c == null ? null : c.remoteContainerId();
    }

    String remoteAddress() {
        return config.settings().endpoint().toString();
    }

    String linkName() {
        return spec.linkName();
    }

    String user() {
        return config.settings().sasl().username();
    }

    // ---------------------------------------------------------------- deactivation

    /**
     * Stops taking messages (the link's credit is drained), releases those not yet given to the
     * bean, waits up to {@code drainTimeout} for the beans in flight, then releases what is left
     * and detaches: a durable subscription stays on the broker, and nothing stays acquired.
     */
    void stop() {
        Subscription s;
        AmqpClientConnection c;
        synchronized (this) {
            stopped = true;
            s = subscription;
            c = connection != null ? connection : connecting;
        }
        if (s != null) {
            s.stop();
        }
        dispatcher.stop();
        awaitBeans();
        if (s != null) {
            waitFor(s.end(options.keepSubscription()));
        }
        if (c != null) {
            waitFor(c.close());
        }
        if (onBoard != null) {
            onBoard.close();
        }
    }

    private void awaitBeans() {
        try {
            if (!dispatcher.awaitIdle(options.drainTimeoutMillis())) {
                LOG.consumerDrainTimedOut(bean, dispatcher.running(), options.drainTimeoutMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor(CompletableFuture<Void> step) {
        try {
            step.get(config.settings().transport().connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf(e, "%s: a step of deactivation did not finish", bean);
        }
    }

    // ---------------------------------------------------------------- what the connection reports

    @Override
    public OutgoingEvents events() {
        return events;
    }

    @Override
    public void disconnected(String containerId, Endpoint endpoint, AmqpException cause, boolean willReconnect) {
        epoch++; // only the loop writes it
        ConnectionListener.super.disconnected(containerId, endpoint, cause, willReconnect);
    }

    /** The connection gave up reconnecting: a new one takes over, unless the failure is for good. */
    @Override
    public void connectionLost(AmqpException cause) {
        AmqpClientConnection c = connection;
        events.gaveUp(c == null ? null : c.containerId(), cause);
        synchronized (this) {
            connection = null;
            subscription = null;
        }
        retryOrStop(cause);
    }

    // ---------------------------------------------------------------- outcomes

    private DeliveryRules rules() {
        return new DeliveryRules(options.maxConcurrency(), this::onError, this::poison);
    }

    private DeliveryState onError(Throwable t) {
        return switch (options.onError()) {
            case "release" -> Released.getInstance();
            case "reject" -> EndpointWork.internalError(t);
            default -> modified(false);
        };
    }

    /** The outcome of a message delivered {@code maxRedeliveries} times already, or {@code null}. */
    private DeliveryState poison(Message message) {
        int max = options.maxRedeliveries();
        if (max < 0 || message.deliveryCount() < max) {
            return null;
        }
        boolean reject = options.onPoison().equals("reject");
        LOG.poisonMessage(message.messageId(), options.address(), message.deliveryCount(), max, bean,
                reject ? "rejected" : "modified undeliverable-here");
        if (reject) {
            return EndpointWork.rejected("amqp:internal-error", "delivered " + message.deliveryCount()
                    + " times, maxRedeliveries is " + max);
        }
        return modified(true);
    }

    private static Modified modified(boolean undeliverableHere) {
        Modified modified = new Modified();
        modified.setDeliveryFailed(true);
        modified.setUndeliverableHere(undeliverableHere);
        return modified;
    }
}
