package io.amqpra.impl.stats;

import io.amqpra.api.Outcome;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * The figures of one connection factory, listener or consuming bean, counted from any thread
 * without locks or allocation: a {@link LongAdder} per figure, and a histogram of send times.
 */
public final class Figures {

    private static final Set<Figure> CONNECTIONS = EnumSet.of(Figure.CONNECTIONS_OPEN,
            Figure.CONNECTIONS_RECONNECTING, Figure.CONNECTIONS_FAILED, Figure.RECONNECT_ATTEMPTS, Figure.FAILOVERS);
    private static final Set<Figure> RECEIVED = EnumSet.of(Figure.RECEIVED_ACCEPTED, Figure.RECEIVED_REJECTED,
            Figure.RECEIVED_RELEASED, Figure.RECEIVED_MODIFIED);
    private static final Set<Figure> BYTES = EnumSet.of(Figure.BYTES_IN, Figure.BYTES_OUT);

    private final Kind kind;
    private final Set<Figure> shown;
    private final LongAdder[] values = new LongAdder[Figure.values().length];
    private final SendTimes sendTimes = new SendTimes();
    /**
     * How long a failed attempt keeps connections unready when nothing retries: a pool of
     * minimum size 0 has no connection left to try again, and a server taken out of service
     * for it would get no request that does.
     */
    private static final long FAILURE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LongSupplier clock;
    /** Why the last connection attempt failed, while no connection has opened since; or null. */
    private volatile String connectFailure;
    private volatile long connectFailedAt;

    public Figures(Kind kind) {
        this(kind, System::nanoTime);
    }

    /** With {@code clock} in place of {@link System#nanoTime()}. */
    Figures(Kind kind, LongSupplier clock) {
        this.kind = kind;
        this.clock = clock;
        this.shown = shownFor(kind);
        for (int i = 0; i < values.length; i++) {
            values[i] = new LongAdder();
        }
    }

    private static Set<Figure> shownFor(Kind kind) {
        Set<Figure> shown = EnumSet.copyOf(BYTES);
        shown.addAll(RECEIVED);
        switch (kind) {
            case CONNECTION_FACTORY -> {
                shown.addAll(CONNECTIONS);
                shown.addAll(EnumSet.range(Figure.SENDS_ACCEPTED, Figure.SEND_TIME_MAX_MICROS));
            }
            case LISTENER -> {
                shown.addAll(EnumSet.of(Figure.BEANS_IN_FLIGHT, Figure.CREDIT_OUTSTANDING));
                shown.addAll(EnumSet.range(Figure.PEERS_ACCEPTED, Figure.PEERS_OPEN));
            }
            case CONSUMER -> {
                shown.addAll(CONNECTIONS);
                shown.add(Figure.BEANS_IN_FLIGHT); // its credit is the broker's to count, not yet ours
            }
        }
        return shown;
    }

    public Kind kind() {
        return kind;
    }

    public void add(Figure figure, long delta) {
        values[figure.ordinal()].add(delta);
    }

    public void increment(Figure figure) {
        values[figure.ordinal()].increment();
    }

    public void decrement(Figure figure) {
        values[figure.ordinal()].decrement();
    }

    public long get(Figure figure) {
        return switch (figure) {
            case SEND_TIME_P50_MICROS -> sendTimes.percentileMicros(50);
            case SEND_TIME_P99_MICROS -> sendTimes.percentileMicros(99);
            case SEND_TIME_MAX_MICROS -> sendTimes.maxMicros();
            default -> values[figure.ordinal()].sum();
        };
    }

    /** A send that started at {@code startNanos} ended with {@code outcome}. */
    public void sendDone(long startNanos, Outcome.Type outcome) {
        sendTimes.record(System.nanoTime() - startNanos);
        increment(switch (outcome) {
            case ACCEPTED -> Figure.SENDS_ACCEPTED;
            case REJECTED -> Figure.SENDS_REJECTED;
            case RELEASED -> Figure.SENDS_RELEASED;
            case MODIFIED -> Figure.SENDS_MODIFIED;
        });
    }

    /**
     * A received message was settled with {@code state} (in a transaction: its outcome);
     * {@code null}, or a state that is no outcome, counts nothing.
     */
    public void settled(DeliveryState state) {
        DeliveryState outcome = state instanceof TransactionalState t ? (DeliveryState) t.getOutcome() : state;
        if (outcome instanceof Accepted) {
            increment(Figure.RECEIVED_ACCEPTED);
        } else if (outcome instanceof Rejected) {
            increment(Figure.RECEIVED_REJECTED);
        } else if (outcome instanceof Released) {
            increment(Figure.RECEIVED_RELEASED);
        } else if (outcome instanceof Modified) {
            increment(Figure.RECEIVED_MODIFIED);
        }
    }

    /** A connection attempt failed with {@code why}; cleared by the next {@link #connectOk}. */
    public void connectFailed(String why) {
        connectFailedAt = clock.getAsLong();
        connectFailure = why;
    }

    public void connectOk() {
        connectFailure = null;
    }

    /**
     * Why outgoing connections cannot reach their peer now, or {@code null}: none is open while
     * one is reconnecting, or the last attempt failed less than 30 s ago.
     */
    public String connectionProblem() {
        if (get(Figure.CONNECTIONS_OPEN) > 0) {
            return null;
        }
        String failure = connectFailure;
        if (failure != null && clock.getAsLong() - connectFailedAt < FAILURE_NANOS) {
            return "cannot connect: " + failure;
        }
        return get(Figure.CONNECTIONS_RECONNECTING) > 0 ? "reconnecting" : null;
    }

    /** The figures that apply to this kind, in {@link Figure} order. */
    public Map<Figure, Long> snapshot() {
        Map<Figure, Long> snapshot = new EnumMap<>(Figure.class);
        for (Figure figure : shown) {
            snapshot.put(figure, get(figure));
        }
        return snapshot;
    }
}
