package io.amqpra.impl.config;

import java.util.List;

/**
 * When and where to try again after a connection is lost: exponential backoff from
 * {@code initialDelay} to {@code maxDelay} with optional jitter, attempt limits, and the
 * endpoints to rotate through. Pure logic, no clocks or sockets.
 *
 * @param limit attempts after a loss; negative for unlimited
 * @param startupLimit attempts for the first connection; negative for unlimited
 */
public record ReconnectPolicy(boolean enabled, long initialDelayMillis, long maxDelayMillis,
                              double multiplier, double jitter, int limit, int startupLimit,
                              List<Endpoint> failoverHosts, boolean resendOnReconnect,
                              boolean useServerFailoverList, String connectionDetailsProvider) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(true, 100, 60_000, 2.0, 0, -1, -1,
            List.of(), true, true, null);

    public ReconnectPolicy {
        failoverHosts = List.copyOf(failoverHosts);
    }

    /**
     * The delay before attempt number {@code attempt} (1-based): the initial delay times the
     * multiplier to the power of attempt - 1, capped at the maximum, then spread by the jitter
     * ({@code random} in [0, 1)) and capped again.
     */
    public long delayMillis(int attempt, double random) {
        double base = initialDelayMillis * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxDelayMillis);
        double spread = capped * jitter * (2 * random - 1);
        return Math.max(0, Math.min(maxDelayMillis, Math.round(capped + spread)));
    }

    /** Whether another attempt may follow {@code attemptsMade} failed ones. */
    public boolean mayRetry(int attemptsMade, boolean startup) {
        if (!enabled) {
            return false;
        }
        int max = startup ? startupLimit : limit;
        return max < 0 || attemptsMade < max;
    }

    /**
     * The endpoint after {@code current} in the rotation of the primary endpoint and the
     * failover hosts, round robin.
     */
    public Endpoint next(Endpoint primary, Endpoint current) {
        if (failoverHosts.isEmpty()) {
            return primary;
        }
        int index = current.equals(primary) ? 0 : failoverHosts.indexOf(current) + 1;
        int next = (index + 1) % (failoverHosts.size() + 1);
        return next == 0 ? primary : failoverHosts.get(next - 1);
    }
}
