package io.amqpra.impl;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.inbound.AmqpActivationSpec;
import io.amqpra.impl.inbound.Container;
import io.amqpra.impl.inbound.Listeners;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.StatusBoard;
import io.amqpra.impl.transport.EventLoops;
import io.amqpra.impl.transport.LoopWatchdog;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import io.amqpra.impl.outbound.ConnectionDefinitions;
import java.beans.Introspector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.transaction.xa.XAResource;
import org.jboss.jca.core.spi.statistics.Statistics;
import org.jboss.jca.core.spi.statistics.StatisticsPlugin;

/**
 * The AMQP 1.0 resource adapter. It owns the event-loop threads, taken from the container's
 * WorkManager, that every connection of the adapter runs on.
 */
@Connector(
        displayName = "AMQP 1.0 resource adapter",
        description = "Sends and receives AMQP 1.0 messages, built on Apache Qpid Proton-J and Netty",
        vendorName = "amqp-ra",
        eisType = "AMQP 1.0",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.LocalTransaction,
        reauthenticationSupport = false)
public class AmqpResourceAdapter implements ResourceAdapter, Statistics {

    private static final AmqpLogger LOG = AmqpLogger.of(AmqpResourceAdapter.class);
    /** The started adapters of this copy of the rar (one, deployed normally), for its health checks. */
    private static final Set<AmqpResourceAdapter> RUNNING =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())); // equals() compares settings

    @ConfigProperty(defaultValue = "2",
            description = "Event-loop threads shared by all connections; each connection stays on one")
    private Integer eventLoopThreads = 2;

    @ConfigProperty(defaultValue = "10000",
            description = "Milliseconds an event loop may go without turning before it is reported stuck (0: never)")
    private Long stuckLoopThreshold = 10_000L;

    private volatile EventLoops eventLoops;
    private volatile Container container;
    private volatile HandoffWorkManager handoff;
    private volatile LoopWatchdog watchdog;
    private volatile WorkManager workManager;
    private final ConnectionDefinitions connectionDefinitions = new ConnectionDefinitions();
    private final Listeners listeners = new Listeners(connectionDefinitions);
    private final StatusBoard board = new StatusBoard();
    private final AdapterStatistics statistics = new AdapterStatistics(this::status, board::retired);

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        int threads = eventLoopThreads == null ? 2 : eventLoopThreads;
        if (threads < 1) {
            throw MESSAGES.invalidEventLoopThreads(eventLoopThreads);
        }
        long stuckMillis = stuckLoopThreshold == null ? 10_000L : stuckLoopThreshold;
        if (stuckMillis < 0 || stuckMillis > 0 && stuckMillis < LoopWatchdog.MIN_THRESHOLD_MILLIS) {
            throw MESSAGES.invalidStuckLoopThreshold(stuckLoopThreshold);
        }
        // The container keeps the class loader of whoever hands it work in its own task objects,
        // for as long as the thread that ran one lingers: it gets none of the adapter's.
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(null);
        try {
            // The loops get the container's threads through a hand-off, never waiting on it themselves.
            workManager = context.getWorkManager();
            handoff = new HandoffWorkManager(workManager);
            new WorkManagerExecutor(context.getWorkManager(), context, "amqp-ra-handoff", true).execute(handoff::run);
            container = new Container(handoff, context.getTransactionSynchronizationRegistry(), board);
            eventLoops = EventLoops.managed(threads,
                    new WorkManagerExecutor(context.getWorkManager(), context, "amqp-ra-event-loop", true),
                    new WorkManagerExecutor(handoff, context, "amqp-ra-callbacks", false));
            if (stuckMillis > 0) {
                watchdog = LoopWatchdog.start(eventLoops.group(), stuckMillis,
                        new WorkManagerExecutor(workManager, context, "amqp-ra-watchdog", true), board::stuck);
            }
        } catch (RuntimeException e) {
            stopStarted(); // the container refused a thread: what did start must not stay behind
            throw e;
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
            EventLoops.forgetThreadLocals();
        }
        RUNNING.add(this);
        LOG.adapterStarted(threads, eventLoops.transportName());
    }

    @Override
    public void stop() {
        RUNNING.remove(this);
        try {
            listeners.closeAll();
        } finally {
            stopStarted();
        }
        LOG.adapterStopped();
    }

    /** Stops the watchdog, the loops and the hand-off, each whatever the one before did. */
    private void stopStarted() {
        try {
            LoopWatchdog w = watchdog;
            watchdog = null;
            if (w != null) {
                w.stop();
            }
            EventLoops loops = eventLoops;
            eventLoops = null;
            if (loops != null) {
                loops.shutdown();
            }
        } finally {
            HandoffWorkManager h = handoff;
            handoff = null;
            if (h != null) {
                h.stop(); // after the loops: what they handed over still runs
            }
            forgetServer();
        }
    }

    /** Nothing of the adapter may stay behind in the server's threads and caches. */
    private void forgetServer() {
        EventLoops.forgetThreadLocals();
        WorkManagerRelease.forget(workManager, this);
        workManager = null;
        for (Class<?> bean : new Class<?>[] {AmqpResourceAdapter.class, AmqpActivationSpec.class,
                AmqpManagedConnectionFactory.class}) {
            Introspector.flushFromCaches(bean);
        }
    }

    /** The loops of the running adapter, or {@code null} before start and after stop. */
    public EventLoops eventLoops() {
        return eventLoops;
    }

    /**
     * This copy of the rar now: every started instance of the adapter together (the server may
     * start one per application-defined connection factory besides the rar's own).
     */
    public static AdapterStatus running() {
        List<ResourceStatus> resources = new ArrayList<>();
        String stuck = null;
        List<AmqpResourceAdapter> started;
        synchronized (RUNNING) {
            started = List.copyOf(RUNNING);
        }
        for (AmqpResourceAdapter ra : started) {
            AdapterStatus one = ra.status();
            resources.addAll(one.resources());
            stuck = stuck != null ? stuck : one.stuck();
        }
        return new AdapterStatus(stuck == null, stuck, resources);
    }

    /** What the adapter is doing now: its factories, listeners and consuming beans. */
    public AdapterStatus status() {
        return board.status(connectionDefinitions.statuses());
    }

    /** The adapter's figures as WildFly's management model and {@code /metrics} show them (IronJacamar's SPI). */
    @Override
    public StatisticsPlugin getStatistics() {
        return statistics;
    }

    /** The connection factories associated with this adapter, which consuming beans may name. */
    public ConnectionDefinitions connectionDefinitions() {
        return connectionDefinitions;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        EventLoops loops = eventLoops;
        if (loops == null) {
            throw MESSAGES.adapterNotStarted();
        }
        try {
            listeners.activate(factory, spec, loops, container);
        } finally {
            EventLoops.forgetThreadLocals(); // binding a listener leaves Netty's on this server thread
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        try {
            listeners.deactivate(factory, spec);
        } finally {
            EventLoops.forgetThreadLocals();
        }
    }

    /** The port an activation listens on, or -1; tells the actual port when it asked for 0. */
    public int listeningPort(MessageEndpointFactory factory, ActivationSpec spec) {
        return listeners.port(factory, spec);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    public Integer getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(Integer eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    public Long getStuckLoopThreshold() {
        return stuckLoopThreshold;
    }

    public void setStuckLoopThreshold(Long stuckLoopThreshold) {
        this.stuckLoopThreshold = stuckLoopThreshold;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AmqpResourceAdapter ra && ra.getClass() == getClass()
                && Objects.equals(eventLoopThreads, ra.eventLoopThreads)
                && Objects.equals(stuckLoopThreshold, ra.stuckLoopThreshold));
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventLoopThreads, stuckLoopThreshold);
    }
}
