package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.CONNECTION_DETAILS_PROVIDER;
import static io.amqpra.impl.config.ConnectionProperties.FAILOVER_HOSTS;
import static io.amqpra.impl.config.ConnectionProperties.INITIAL_RECONNECT_DELAY;
import static io.amqpra.impl.config.ConnectionProperties.MAX_RECONNECT_DELAY;
import static io.amqpra.impl.config.ConnectionProperties.RECONNECT_BACKOFF_MULTIPLIER;
import static io.amqpra.impl.config.ConnectionProperties.RECONNECT_JITTER;
import static io.amqpra.impl.config.ConnectionProperties.RECONNECT_LIMIT;
import static io.amqpra.impl.config.ConnectionProperties.RECONNECT_ON;
import static io.amqpra.impl.config.ConnectionProperties.RESEND_ON_RECONNECT;
import static io.amqpra.impl.config.ConnectionProperties.STARTUP_RECONNECT_LIMIT;
import static io.amqpra.impl.config.ConnectionProperties.USE_SERVER_FAILOVER_LIST;

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

    /** The policy when no property is set. */
    public static final ReconnectPolicy DEFAULT = defaults();

    public ReconnectPolicy {
        failoverHosts = List.copyOf(failoverHosts);
    }

    private static ReconnectPolicy defaults() {
        try {
            return from(new PropertyValues(PropertyValues.Scope.CONNECTION_FACTORY));
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("A default does not pass its own check", e);
        }
    }

    static ReconnectPolicy from(PropertyValues values) throws InvalidSettingException {
        long initial = INITIAL_RECONNECT_DELAY.get(values);
        long max = MAX_RECONNECT_DELAY.get(values);
        if (max < initial) {
            throw values.invalid(MAX_RECONNECT_DELAY, max,
                    "must not be less than initialReconnectDelay (" + initial + ")");
        }
        int limit = RECONNECT_LIMIT.get(values);
        Integer startup = STARTUP_RECONNECT_LIMIT.get(values);
        return new ReconnectPolicy(RECONNECT_ON.get(values), initial, max, RECONNECT_BACKOFF_MULTIPLIER.get(values),
                RECONNECT_JITTER.get(values), limit, startup == null ? limit : startup,
                Endpoints.list(FAILOVER_HOSTS.get(values)), RESEND_ON_RECONNECT.get(values),
                USE_SERVER_FAILOVER_LIST.get(values), CONNECTION_DETAILS_PROVIDER.get(values));
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
