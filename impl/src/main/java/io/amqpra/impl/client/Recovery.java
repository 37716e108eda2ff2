package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.ReconnectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides what follows a failed attempt or a lost connection: another attempt, where and after
 * how long, or giving up. Pure logic: no sockets, no engine, no clock and no randomness of its
 * own; the caller passes the time and a random number for the jitter.
 *
 * <p>The endpoint is, in this order: where the peer redirected us (once per redirect), what the
 * application's provider answers, else the next of one round. Without endpoints announced by the
 * peer, a round is the configured rotation: the primary endpoint, then the failover hosts. With
 * them ({@code failover-server-list}), a round is the announced endpoints in the peer's order,
 * then the configured ones not among them; a connection that was lost from a configured
 * endpoint starts its round at the top, with the announced ones.
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
     * @param via the redirect that attempt followed, or {@code null}
     * @param failedAttempts attempts that failed since the last open, not counting this one
     * @param startup whether no attempt ever opened
     * @param nowNanos the time, by {@link System#nanoTime()}
     * @param startupDeadlineNanos when the first connection must have opened, same clock
     * @param redirect where the peer of the failed attempt redirected us, or {@code null}
     * @param announced the endpoints the peer announced, possibly empty
     */
    record Failure(AmqpException cause, Endpoint endpoint, Redirect via, int failedAttempts, boolean startup,
                   long nowNanos, long startupDeadlineNanos, Redirect redirect, List<Endpoint> announced) {
    }

    /**
     * Try {@code endpoint} after {@code delayMillis} as attempt number {@code attempt}, following
     * the redirect {@code via} (or {@code null}), or, with a {@code null} endpoint, give up.
     */
    record Decision(Endpoint endpoint, long delayMillis, int attempt, Redirect via) {

        static final Decision GIVE_UP = new Decision(null, 0, 0, null);

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
        Redirect redirect = failure.redirect();
        if (redirect != null) {
            return new Decision(redirect.target(), delay, attempt, redirect);
        }
        return new Decision(next(failure, attempt), delay, attempt, null);
    }

    private boolean mayRetry(Failure failure) {
        boolean deadlinePassed = failure.startup()
                && failure.nowNanos() - failure.startupDeadlineNanos() >= 0;
        return !ClientFailures.isFatal(failure.cause())
                && policy.mayRetry(failure.failedAttempts(), failure.startup())
                && !deadlinePassed;
    }

    private Endpoint next(Failure failure, int attempt) {
        Endpoint asked = provider == null ? null : provider.endpointFor(attempt, failure.endpoint());
        if (asked != null) {
            return asked;
        }
        // After a redirect's target failed, the rotation goes on from the endpoint that redirected.
        Endpoint last = Redirect.origin(failure.via(), failure.endpoint());
        List<Endpoint> announced = failure.announced();
        if (announced.isEmpty()) {
            return policy.next(primary, last);
        }
        // The peer's own list first: the cluster knows its members better than a static one. The
        // configured endpoints follow, so that a wrong or stale announcement cannot hide them.
        List<Endpoint> round = new ArrayList<>(announced);
        Stream.concat(Stream.of(primary), policy.failoverHosts().stream())
                .filter(e -> !round.contains(e))
                .forEach(round::add);
        boolean lostFromConfigured = failure.failedAttempts() == 0 && !announced.contains(last);
        int i = lostFromConfigured ? -1 : round.indexOf(last);
        return round.get((i + 1) % round.size());
    }
}
