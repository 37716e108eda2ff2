package io.amqpra.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.TlsException;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.config.ReconnectPolicy;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What follows a failed attempt: pure decisions, no sockets. */
class RecoveryTest {

    private static final Endpoint PRIMARY = new Endpoint("primary", 5672);
    private static final Endpoint B = new Endpoint("b", 5672);
    private static final Endpoint C = new Endpoint("c", 5672);
    private static final Endpoint X = new Endpoint("x", 5672);
    private static final Endpoint Y = new Endpoint("y", 5672);
    private static final AmqpException LOST = new ConnectionLostException("lost", (String) null);
    private static final long NOW = 1_000_000_000L;
    private static final long LATER = NOW + 5_000_000_000L;

    private static ReconnectPolicy policy(int limit, int startupLimit, List<Endpoint> failoverHosts) {
        return new ReconnectPolicy(true, 100, 1_000, 2.0, 0, limit, startupLimit, failoverHosts, true, true, null);
    }

    private static Recovery.Failure failure(AmqpException cause, int failedAttempts, boolean startup, long now) {
        return new Recovery.Failure(cause, PRIMARY, null, failedAttempts, startup, now, LATER, null, List.of());
    }

    private static Recovery.Failure lostAt(Endpoint endpoint, int failedAttempts) {
        return new Recovery.Failure(LOST, endpoint, null, failedAttempts, false, NOW, LATER, null, List.of());
    }

    private static Recovery.Failure with(Recovery.Failure f, Endpoint redirect, List<Endpoint> announced) {
        return new Recovery.Failure(f.cause(), f.endpoint(), f.via(), f.failedAttempts(), f.startup(), f.nowNanos(),
                f.startupDeadlineNanos(), redirect == null ? null : new Redirect(redirect, null, f.endpoint()),
                announced);
    }

    /** The failure of an attempt that followed {@code via}. */
    private static Recovery.Failure following(Redirect via, int failedAttempts) {
        return new Recovery.Failure(LOST, via.target(), via, failedAttempts, false, NOW, LATER, null, List.of());
    }

    @Test
    void aRedirectWinsOverEverythingElse() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B)), PRIMARY, (attempt, previous) -> C);
        Recovery.Decision d = recovery.decide(with(lostAt(PRIMARY, 0), X, List.of(Y)), 0.5);
        assertEquals(X, d.endpoint());
    }

    @Test
    void theProviderComesNextAndHearsTheAttemptNumber() {
        List<String> asked = new ArrayList<>();
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B)), PRIMARY, (attempt, previous) -> {
            asked.add(attempt + "@" + previous.host());
            return C;
        });
        Recovery.Decision d = recovery.decide(with(lostAt(B, 2), null, List.of(Y)), 0.5);
        assertEquals(C, d.endpoint());
        assertEquals(3, d.attempt());
        assertEquals(List.of("3@b"), asked);
    }

    @Test
    void aProviderWithoutAnAnswerLeavesTheChoiceToTheLists() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B)), PRIMARY, (attempt, previous) -> null);
        assertEquals(B, recovery.decide(lostAt(PRIMARY, 0), 0.5).endpoint());
        assertEquals(Y, recovery.decide(with(lostAt(PRIMARY, 0), null, List.of(Y)), 0.5).endpoint());
    }

    @Test
    void aRoundIsTheAnnouncedEndpointsThenTheConfiguredOnes() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B)), PRIMARY, null);
        List<Endpoint> announced = List.of(X, Y);
        List<Endpoint> tried = new ArrayList<>();
        Endpoint last = PRIMARY; // lost from the primary, with X and Y announced
        for (int failed = 0; failed < 6; failed++) {
            last = recovery.decide(with(lostAt(last, failed), null, announced), 0.5).endpoint();
            tried.add(last);
        }
        assertEquals(List.of(X, Y, PRIMARY, B, X, Y), tried,
                "the announced list must not hide the configured failover hosts");
    }

    @Test
    void aLossFromAnAnnouncedEndpointGoesOnWithTheNextAndEachEndpointComesOncePerRound() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B, C)), PRIMARY, null);
        List<Endpoint> announced = List.of(X, B); // B is configured too: once per round, where announced
        assertEquals(B, recovery.decide(with(lostAt(X, 0), null, announced), 0.5).endpoint());
        assertEquals(PRIMARY, recovery.decide(with(lostAt(B, 1), null, announced), 0.5).endpoint());
        assertEquals(C, recovery.decide(with(lostAt(PRIMARY, 2), null, announced), 0.5).endpoint());
        assertEquals(X, recovery.decide(with(lostAt(C, 3), null, announced), 0.5).endpoint());
        assertEquals(X, recovery.decide(with(lostAt(C, 0), null, announced), 0.5).endpoint(),
                "a connection lost from a configured endpoint starts its round with the announced ones");
    }

    @Test
    void aRedirectIsFollowedOnceThenTheRotationGoesOnFromTheEndpointThatRedirected() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B, C)), PRIMARY, null);
        Recovery.Decision toTarget = recovery.decide(with(lostAt(B, 0), X, List.of()), 0.5);
        assertEquals(X, toTarget.endpoint());
        assertEquals(new Redirect(X, null, B), toTarget.via());
        Recovery.Decision after = recovery.decide(following(toTarget.via(), 1), 0.5);
        assertEquals(C, after.endpoint(), "the endpoint after B, which redirected");
        assertEquals(null, after.via());
        assertEquals(2, after.attempt(), "the redirect's attempt counts: the backoff grows");
    }

    @Test
    void theFirstAttemptGoesWhereTheProviderSaysElseToThePrimary() {
        assertEquals(PRIMARY, new Recovery(policy(-1, -1, List.of()), PRIMARY, null).first());
        assertEquals(PRIMARY, new Recovery(policy(-1, -1, List.of()), PRIMARY, (a, p) -> null).first());
        List<Integer> attempts = new ArrayList<>();
        Recovery recovery = new Recovery(policy(-1, -1, List.of()), PRIMARY, (attempt, previous) -> {
            attempts.add(attempt);
            return previous.equals(PRIMARY) ? C : null;
        });
        assertEquals(C, recovery.first());
        assertEquals(List.of(1), attempts);
    }

    @Test
    void aSecurityFailureGivesUpAtOnceWithoutAskingTheProvider() {
        List<Integer> asked = new ArrayList<>();
        Recovery recovery = new Recovery(policy(-1, -1, List.of(B)), PRIMARY, (attempt, previous) -> {
            asked.add(attempt);
            return C;
        });
        for (AmqpException fatal : List.of(new AuthenticationException("refused"),
                new TlsException("untrusted", new SSLHandshakeException("PKIX")))) {
            Recovery.Failure f = with(failure(fatal, 0, false, NOW), X, List.of());
            assertFalse(recovery.decide(f, 0.5).retry(), fatal.getMessage());
        }
        assertTrue(asked.isEmpty(), "asked the provider though giving up");
    }

    @Test
    void theLimitCountsFailedAttemptsAndDiffersAtStartup() {
        Recovery recovery = new Recovery(policy(3, 1, List.of()), PRIMARY, null);
        assertTrue(recovery.decide(lostAt(PRIMARY, 2), 0.5).retry());
        assertFalse(recovery.decide(lostAt(PRIMARY, 3), 0.5).retry());
        Recovery.Failure startup = failure(LOST, 0, true, NOW);
        assertTrue(recovery.decide(startup, 0.5).retry());
        Recovery.Failure second = failure(LOST, 1, true, NOW);
        assertFalse(recovery.decide(second, 0.5).retry());
        ReconnectPolicy off = new ReconnectPolicy(false, 100, 1_000, 2.0, 0, -1, -1, List.of(), true, true, null);
        assertFalse(new Recovery(off, PRIMARY, null).decide(lostAt(PRIMARY, 0), 0.5).retry());
    }

    @Test
    void aPassedStartupDeadlineEndsOnlyTheFirstConnection() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of()), PRIMARY, null);
        Recovery.Failure early = failure(LOST, 0, true, NOW);
        assertTrue(recovery.decide(early, 0.5).retry());
        Recovery.Failure atDeadline = failure(LOST, 0, true, LATER);
        assertFalse(recovery.decide(atDeadline, 0.5).retry());
        Recovery.Failure afterOpen = failure(LOST, 0, false, LATER + 1);
        assertTrue(recovery.decide(afterOpen, 0.5).retry(), "the deadline is for the first connection only");
    }

    @Test
    void theDelayBacksOffFromAttemptToAttemptUpToTheMaximum() {
        Recovery recovery = new Recovery(policy(-1, -1, List.of()), PRIMARY, null);
        long[] expected = {100, 200, 400, 800, 1_000, 1_000};
        for (int failed = 0; failed < expected.length; failed++) {
            Recovery.Decision d = recovery.decide(lostAt(PRIMARY, failed), 0.5);
            assertEquals(failed + 1, d.attempt());
            assertEquals(expected[failed], d.delayMillis(), "after " + failed + " failed attempts");
        }
        ReconnectPolicy jittered = new ReconnectPolicy(true, 1_000, 60_000, 2.0, 0.2, -1, -1, List.of(), true,
                true, null);
        assertEquals(800, new Recovery(jittered, PRIMARY, null).decide(lostAt(PRIMARY, 0), 0.0).delayMillis(),
                "the random number spreads the delay by the jitter");
    }
}
