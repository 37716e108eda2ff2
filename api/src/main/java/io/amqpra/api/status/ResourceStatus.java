package io.amqpra.api.status;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One connection factory, listener or consuming bean of the adapter, as it is now.
 *
 * @param kind what it is
 * @param name its JNDI name (a connection factory), its {@code host:port} (a listener), or its
 *        bean and address (a consuming bean)
 * @param ready whether it can do its work now: a factory reaches its peer, a listener is bound,
 *        a consuming bean is connected
 * @param problem why it is not ready, or {@code null} when it is
 * @param figures the figures that apply to its kind, in {@link Figure} order; unmodifiable
 */
public record ResourceStatus(Kind kind, String name, boolean ready, String problem, Map<Figure, Long> figures) {

    /** What a resource is. */
    public enum Kind {
        /** A connection factory, which applications send and receive through. */
        CONNECTION_FACTORY,
        /** A port that peers connect to, delivering to message-driven beans ({@code mode=listen}). */
        LISTENER,
        /** A message-driven bean consuming from a broker ({@code mode=connect}). */
        CONSUMER
    }

    /** Copies {@code figures}, keeping their order. */
    public ResourceStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        figures = figures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(figures));
    }

    /** The value of {@code figure}, 0 when it does not apply to this kind. */
    public long figure(Figure figure) {
        return figures.getOrDefault(figure, 0L);
    }
}
