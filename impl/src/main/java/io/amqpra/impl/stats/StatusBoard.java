package io.amqpra.impl.stats;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The resources of one adapter that report a status: its connection factories, listeners and
 * consuming beans, each with its {@link Figures} and what says whether it is ready; and whether
 * its event loops turn. Thread-safe.
 */
public final class StatusBoard {

    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();
    /** What resources that left had counted, so that the adapter's totals never go back. */
    private final Map<Figure, LongAdder> retired = new EnumMap<>(Figure.class);
    private volatile String stuck;

    public StatusBoard() {
        for (Figure figure : Figure.values()) {
            retired.put(figure, new LongAdder()); // filled once: read by any thread after
        }
    }

    /**
     * Adds a resource; {@code problem} gives why it is not ready, or {@code null} when it is.
     * Close the returned registration when the resource ends.
     */
    public Registration add(String name, Figures figures, Supplier<String> problem) {
        Entry entry = new Entry(name, figures, problem);
        entries.add(entry);
        return () -> {
            if (entries.remove(entry)) {
                retire(figures);
            }
        };
    }

    private void retire(Figures figures) {
        figures.snapshot().forEach((figure, value) -> {
            if (figure.type() == Figure.Type.COUNTER) {
                retired.get(figure).add(value);
            }
        });
    }

    /** The total of {@code figure}, a counter, over the resources that have left the board. */
    public long retired(Figure figure) {
        LongAdder sum = retired.get(figure);
        return sum == null ? 0 : sum.sum();
    }

    /** An event loop has been stuck: {@code why}; {@code null} once they all turn again. */
    public void stuck(String why) {
        this.stuck = why;
    }

    /** The adapter now: its resources on the board and {@code others}, such as its connection factories. */
    public AdapterStatus status(List<ResourceStatus> others) {
        List<ResourceStatus> resources = new ArrayList<>(others);
        for (Entry e : entries) {
            String problem = e.problem.get();
            resources.add(new ResourceStatus(e.figures.kind(), e.name, problem == null, problem,
                    e.figures.snapshot()));
        }
        resources.sort(Comparator.comparing(ResourceStatus::kind).thenComparing(ResourceStatus::name));
        String why = stuck;
        return new AdapterStatus(why == null, why, resources);
    }

    /** A resource on the board, until closed. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Entry(String name, Figures figures, Supplier<String> problem) {
        // identity, not value: two resources may share a name for a moment while one replaces the other
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
