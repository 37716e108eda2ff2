package io.amqpra.demo.console;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Message rates from successive statuses: messages out (sends that ended, by any outcome) and in
 * (received messages settled, by any outcome) per second, summed over the adapter's resources,
 * for the last {@link #KEEP} samples. A resource that is new, or whose counters started over
 * (redeployed), counts from zero. Pure logic; not thread-safe.
 */
public final class RateMeter {

    static final int KEEP = 120;

    static final Set<Figure> OUT = EnumSet.of(Figure.SENDS_ACCEPTED, Figure.SENDS_REJECTED, Figure.SENDS_RELEASED,
            Figure.SENDS_MODIFIED, Figure.SENDS_TIMED_OUT, Figure.SENDS_FAILED);
    static final Set<Figure> IN = EnumSet.of(Figure.RECEIVED_ACCEPTED, Figure.RECEIVED_REJECTED,
            Figure.RECEIVED_RELEASED, Figure.RECEIVED_MODIFIED);

    /** Messages per second out and in over the second that ended {@code at} (epoch milliseconds). */
    public record Point(long at, double out, double in) {
    }

    private record Counts(long out, long in) {
    }

    private final Deque<Point> points = new ArrayDeque<>();
    private Map<String, Counts> previous;
    private long previousAt;

    /** Takes the status of {@code at}; the first sample only sets the baseline. */
    public void sample(long at, AdapterStatus status) {
        Map<String, Counts> now = new HashMap<>();
        for (ResourceStatus r : status.resources()) {
            now.put(r.kind() + " " + r.name(), new Counts(sum(r, OUT), sum(r, IN)));
        }
        if (previous != null && at > previousAt) {
            long out = 0;
            long in = 0;
            for (Map.Entry<String, Counts> e : now.entrySet()) {
                Counts before = previous.get(e.getKey());
                out += delta(before == null ? 0 : before.out(), e.getValue().out());
                in += delta(before == null ? 0 : before.in(), e.getValue().in());
            }
            double seconds = (at - previousAt) / 1000.0;
            points.addLast(new Point(at, out / seconds, in / seconds));
            if (points.size() > KEEP) {
                points.removeFirst();
            }
        }
        previous = now;
        previousAt = at;
    }

    /** The points, oldest first. */
    public List<Point> points() {
        return new ArrayList<>(points);
    }

    static long sum(ResourceStatus r, Set<Figure> figures) {
        long sum = 0;
        for (Figure f : figures) {
            sum += r.figure(f);
        }
        return sum;
    }

    /** How much a counter grew; one that started over has grown by all it holds now. */
    private static long delta(long before, long now) {
        return now >= before ? now - before : now;
    }
}
