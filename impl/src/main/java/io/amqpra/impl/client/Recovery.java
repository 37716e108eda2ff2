package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.ReconnectPolicy;
import java.util.List;

/**
 * Decides what follows a failed attempt or a lost connection: another attempt, where and after
 * how long, or giving up. Pure logic: no sockets, no engine, no clock and no randomness of its
 * own; the caller passes the time and a random number for the jitter.
 *
 * <p>The endpoint is, in this order: where the peer redirected us, what the application's
 * provider answers, the next of the endpoints the peer announced ({@code failover-server-list}),
 * then the configured rotation of the primary endpoint and the failover hosts.
 */
final class Recovery {

    /** The application's choice of endpoint for an attempt, or {@code null} when it has none. */
    @FunctionalInterface
    interface EndpointSource {
        Endpoint endpointFor(int attempt, Endpoint previous);
    }

    /**
     * What is known when an attempt failed.
     *
     * @param cause why, as classified by {@link ClientFailures}
     * @param endpoint where the failed attempt went
     * @param failedAttempts attempts that failed since the last open, not counting this one
     * @param startup whether no attempt ever opened
     * @param nowNanos the time, by {@link System#nanoTime()}
     * @param startupDeadlineNanos when the first connection must have opened, same clock
     * @param redirect where the peer redirected us, or {@code null}
     * @param announced the endpoints the peer announced, possibly empty
     */
    record Failure(AmqpException cause, Endpoint endpoint, int failedAttempts, boolean startup, long nowNanos,
                   long startupDeadlineNanos, Endpoint redirect, List<Endpoint> announced) {
    }

    /**
     * Try {@code endpoint} after {@code delayMillis} as attempt number {@code attempt}, or, with
     * a {@code null} endpoint, give up.
     */
    record Decision(Endpoint endpoint, long delayMillis, int attempt) {

        static final Decision GIVE_UP = new Decision(null, 0, 0);

        boolean retry() {
            return endpoint != null;
        }
    }

    private final ReconnectPolicy policy;
    private final Endpoint primary;
    private final EndpointSource provider;

    /**
     * @param primary the configured endpoint
     * @param provider the application's choice, or {@code null} for none
     */
    Recovery(ReconnectPolicy policy, Endpoint primary, EndpointSource provider) {
        this.policy = policy;
        this.primary = primary;
        this.provider = provider;
    }

    /** Where the first attempt goes: the provider's answer, else the primary endpoint. */
    Endpoint first() {
        Endpoint asked = provider == null ? null : provider.endpointFor(1, primary);
        return asked != null ? asked : primary;
    }

    /** @param random a number in [0, 1) for the jitter */
    Decision decide(Failure failure, double random) {
        if (!mayRetry(failure)) {
            return Decision.GIVE_UP;
        }
        int attempt = failure.failedAttempts() + 1;
        long delay = policy.delayMillis(attempt, random);
        return new Decision(next(failure, attempt), delay, attempt);
    }

    private boolean mayRetry(Failure failure) {
        boolean deadlinePassed = failure.startup()
                && failure.nowNanos() - failure.startupDeadlineNanos() >= 0;
        return !ClientFailures.isFatal(failure.cause())
                && policy.mayRetry(failure.failedAttempts(), failure.startup())
                && !deadlinePassed;
    }

    private Endpoint next(Failure failure, int attempt) {
        Endpoint last = failure.endpoint();
        if (failure.redirect() != null) {
            return failure.redirect();
        }
        Endpoint asked = provider == null ? null : provider.endpointFor(attempt, last);
        if (asked != null) {
            return asked;
        }
        List<Endpoint> announced = failure.announced();
        if (!announced.isEmpty()) {
            // The peer's own list first: the cluster knows its members better than a static one.
            int i = announced.indexOf(last);
            if (i + 1 < announced.size()) {
                return announced.get(i + 1);
            }
            if (i >= 0) {
                return primary; // after the announced ones, the configured rotation
            }
        }
        return policy.next(primary, last);
    }
}
