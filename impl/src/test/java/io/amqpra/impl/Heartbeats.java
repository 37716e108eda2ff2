package io.amqpra.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks on when frames arrived, for the idle-timeout tests of both sides. */
public final class Heartbeats {

    private Heartbeats() {
    }

    /**
     * Asserts that each frame after the first arrived half of {@code advertisedMillis} after the one
     * before, no more than 10 % later: how often a peer that advertised that idle timeout must hear
     * from us. Earlier by up to 20 % passes: a frame that arrived late shortens the next gap.
     *
     * @param arrivals {@link System#nanoTime()} of each frame's arrival
     */
    public static void assertSpacedAtHalfOf(List<Long> arrivals, long advertisedMillis) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)));
        }
        long half = advertisedMillis / 2;
        for (long gap : gaps) {
            assertTrue(gap >= half - half / 5 && gap <= half + half / 10, "frames " + gaps + " ms apart, not "
                    + half + " ms (half the idle timeout of " + advertisedMillis + " ms the peer advertised)");
        }
    }
}
