package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static ReconnectPolicy policy(long initial, long max, double multiplier, double jitter,
                                          int limit, int startupLimit, List<Endpoint> failover) {
        return new ReconnectPolicy(true, initial, max, multiplier, jitter, limit, startupLimit, failover,
                true, true, null);
    }

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        ReconnectPolicy p = policy(100, 1_000, 2.0, 0, -1, -1, List.of());
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertEquals(expected[attempt - 1], p.delayMillis(attempt, 0.5), "attempt " + attempt);
        }
        assertEquals(60_000, ReconnectPolicy.DEFAULT.delayMillis(1_000, 0.5), "default cap is 60 s");
    }

    @Test
    void jitterSpreadsEachDelayWithinItsFraction() {
        ReconnectPolicy p = policy(1_000, 60_000, 2.0, 0.2, -1, -1, List.of());
        assertEquals(800, p.delayMillis(1, 0.0));
        assertEquals(1_000, p.delayMillis(1, 0.5));
        assertTrue(p.delayMillis(1, 0.999_999) <= 1_200);
        for (int i = 0; i < 1_000; i++) {
            long d = p.delayMillis(3, Math.random());
            assertTrue(d >= 3_200 && d <= 4_800, "out of bounds: " + d);
        }
        assertTrue(p.delayMillis(100, 0.999) <= 60_000, "jitter never passes the maximum");
    }

    @Test
    void limitsCountAttemptsAndDifferAtStartup() {
        ReconnectPolicy p = policy(100, 1_000, 2.0, 0, 3, 1, List.of());
        assertTrue(p.mayRetry(0, false));
        assertTrue(p.mayRetry(2, false));
        assertFalse(p.mayRetry(3, false));
        assertTrue(p.mayRetry(0, true));
        assertFalse(p.mayRetry(1, true));
        assertTrue(ReconnectPolicy.DEFAULT.mayRetry(1_000_000, false), "unlimited by default");
        ReconnectPolicy off = new ReconnectPolicy(false, 100, 1_000, 2.0, 0, -1, -1, List.of(), true, true, null);
        assertFalse(off.mayRetry(0, false));
    }

    @Test
    void endpointsRotateRoundRobinAfterThePrimary() {
        Endpoint primary = new Endpoint("a", 1);
        Endpoint b = new Endpoint("b", 2);
        Endpoint c = new Endpoint("c", 3);
        ReconnectPolicy p = policy(100, 1_000, 2.0, 0, -1, -1, List.of(b, c));
        assertEquals(b, p.next(primary, primary));
        assertEquals(c, p.next(primary, b));
        assertEquals(primary, p.next(primary, c));
        assertEquals(primary, policy(100, 1_000, 2.0, 0, -1, -1, List.of()).next(primary, primary));
    }

    @Test
    void settingsRefuseBadReconnectValuesNamingTheProperty() {
        assertNamed("maxReconnectDelay", Configured.defaults().with(INITIAL_RECONNECT_DELAY, 500L).with(MAX_RECONNECT_DELAY, 100L));
        assertNamed("initialReconnectDelay", Configured.defaults().with(INITIAL_RECONNECT_DELAY, -1L));
        assertNamed("reconnectBackoffMultiplier", Configured.defaults().with(RECONNECT_BACKOFF_MULTIPLIER, 0.5));
        assertNamed("reconnectJitter", Configured.defaults().with(RECONNECT_JITTER, 1.5));
        assertNamed("reconnectLimit", Configured.defaults().with(RECONNECT_LIMIT, -7));
        assertNamed("failoverHosts", Configured.defaults().with(FAILOVER_HOSTS, "alpha.example.com"));
        assertNamed("failoverHosts", Configured.defaults().with(FAILOVER_HOSTS, "a:1,,b:2"));
        assertNamed("failoverHosts", Configured.defaults().with(FAILOVER_HOSTS, "::1:5672"));
        assertNamed("failoverHosts", Configured.defaults().with(FAILOVER_HOSTS, "a:99999"));
    }

    @Test
    void failoverHostsParseWithIpv6InBrackets() throws Exception {
        ReconnectPolicy p = Configured.defaults()
                .with(FAILOVER_HOSTS, "alpha.example.com:5672, beta.example.com:5673,[::1]:5674").build().reconnect();
        assertEquals(List.of(new Endpoint("alpha.example.com", 5672), new Endpoint("beta.example.com", 5673),
                new Endpoint("::1", 5674)), p.failoverHosts());
        ReconnectPolicy defaults = Configured.defaults().build().reconnect();
        assertTrue(defaults.enabled());
        assertEquals(100, defaults.initialDelayMillis());
        assertEquals(60_000, defaults.maxDelayMillis());
        assertEquals(-1, defaults.limit());
        assertEquals(-1, defaults.startupLimit());
        assertTrue(defaults.resendOnReconnect());
        assertEquals(3, Configured.defaults().with(RECONNECT_LIMIT, 3).build().reconnect().startupLimit(),
                "startupReconnectLimit follows reconnectLimit");
    }

    private static void assertNamed(String property, Configured builder) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, builder::build);
        assertTrue(e.getMessage().contains("'" + property + "'"), e.getMessage());
    }
}
