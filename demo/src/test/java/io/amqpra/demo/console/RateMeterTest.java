package io.amqpra.demo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static ResourceStatus factory(String name, long accepted, long rejected) {
        return new ResourceStatus(Kind.CONNECTION_FACTORY, name, true, null,
                Map.of(Figure.SENDS_ACCEPTED, accepted, Figure.SENDS_REJECTED, rejected));
    }

    private static ResourceStatus listener(long accepted, long modified) {
        return new ResourceStatus(Kind.LISTENER, "0.0.0.0:5672", true, null,
                Map.of(Figure.RECEIVED_ACCEPTED, accepted, Figure.RECEIVED_MODIFIED, modified));
    }

    private static AdapterStatus status(ResourceStatus... resources) {
        return new AdapterStatus(true, null, List.of(resources));
    }

    @Test
    void theFirstSampleIsOnlyTheBaseline() {
        RateMeter meter = new RateMeter();
        meter.sample(1_000, status(factory("cf", 500, 0)));
        assertTrue(meter.points().isEmpty());
    }

    @Test
    void ratesAreTheGrowthOfEveryOutcomePerSecondSummedOverResources() {
        RateMeter meter = new RateMeter();
        meter.sample(1_000, status(factory("a", 10, 0), factory("b", 0, 0), listener(3, 0)));
        meter.sample(3_000, status(factory("a", 30, 2), factory("b", 8, 0), listener(13, 4)));
        assertEquals(List.of(new RateMeter.Point(3_000, 15.0, 7.0)), meter.points());
    }

    @Test
    void aNewResourceCountsFromZeroAndOneThatStartedOverFromItsNewValue() {
        RateMeter meter = new RateMeter();
        meter.sample(1_000, status(factory("a", 100, 0)));
        meter.sample(2_000, status(factory("a", 5, 0), factory("new", 7, 0)));
        assertEquals(12.0, meter.points().get(0).out());
    }

    @Test
    void keepsTheLastTwoMinutes() {
        RateMeter meter = new RateMeter();
        for (int s = 0; s <= RateMeter.KEEP + 30; s++) {
            meter.sample(s * 1_000L, status(factory("a", s, 0)));
        }
        List<RateMeter.Point> points = meter.points();
        assertEquals(RateMeter.KEEP, points.size());
        assertEquals((RateMeter.KEEP + 30) * 1_000L, points.get(points.size() - 1).at());
        assertEquals(1.0, points.get(0).out());
    }
}
