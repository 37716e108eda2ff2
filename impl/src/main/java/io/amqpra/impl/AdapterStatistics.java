package io.amqpra.impl;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jboss.jca.core.spi.statistics.StatisticsPlugin;

/**
 * The adapter's figures as IronJacamar statistics, which WildFly shows under the resource
 * adapter's {@code statistics=extended} in its management model, and exports at {@code /metrics}.
 * Each is the total over the adapter's connection factories, listeners and consuming beans
 * (a send-time percentile: the highest among its factories), plus {@code ready} and {@code live}
 * as 1 or 0. As with IronJacamar's own pool statistics, they read 0 until statistics are
 * enabled; {@code clear} starts the counters over from that moment.
 */
final class AdapterStatistics implements StatisticsPlugin {

    private static final long serialVersionUID = 1L;
    private static final String READY = "ready";
    private static final String LIVE = "live";
    /** Attribute name to figure: {@code sends-accepted} becomes {@code sendsAccepted}. */
    private static final Map<String, Figure> FIGURES = figures();

    private final transient Supplier<AdapterStatus> status;
    /** What resources that are gone had counted of a counter. */
    private final transient ToLongFunction<Figure> retired;
    private final transient Map<Figure, Long> cleared = Collections.synchronizedMap(new EnumMap<>(Figure.class));
    private volatile boolean enabled;

    AdapterStatistics(Supplier<AdapterStatus> status, ToLongFunction<Figure> retired) {
        this.status = status;
        this.retired = retired;
    }

    private static Map<String, Figure> figures() {
        Map<String, Figure> names = new LinkedHashMap<>();
        for (Figure f : Figure.values()) {
            StringBuilder camel = new StringBuilder();
            for (String part : f.key().split("-")) {
                camel.append(camel.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            names.put(camel.toString(), f);
        }
        return Collections.unmodifiableMap(names);
    }

    @Override
    public Set<String> getNames() {
        Set<String> names = new java.util.LinkedHashSet<>(FIGURES.keySet());
        names.add(READY);
        names.add(LIVE);
        return names;
    }

    @Override
    public Class<?> getType(String name) {
        return READY.equals(name) || LIVE.equals(name) ? int.class : long.class;
    }

    @Override
    public String getDescription(String name) {
        return switch (name) {
            case READY -> "1 when every connection factory reaches its peer, every listener is bound and every consuming bean is connected";
            case LIVE -> "1 unless an event loop has been stuck longer than stuckLoopThreshold";
            default -> FIGURES.containsKey(name) ? FIGURES.get(name).description() : null;
        };
    }

    @Override
    public String getDescription(String name, Locale locale) {
        return getDescription(name);
    }

    @Override
    public Object getValue(String name) {
        if (READY.equals(name) || LIVE.equals(name)) {
            AdapterStatus now = status.get();
            return !enabled ? 0 : (READY.equals(name) ? now.ready() : now.live()) ? 1 : 0;
        }
        Figure figure = FIGURES.get(name);
        if (figure == null || !enabled) {
            return figure == null ? null : 0L;
        }
        return total(status.get(), figure) - cleared.getOrDefault(figure, 0L);
    }

    /** Over the resources there now, and for a counter also those that left. */
    private long total(AdapterStatus status, Figure figure) {
        return live(status, figure) + (figure.type() == Figure.Type.COUNTER ? retired.applyAsLong(figure) : 0);
    }

    private static long live(AdapterStatus status, Figure figure) {
        long total = 0;
        for (ResourceStatus r : status.resources()) {
            long value = r.figure(figure);
            total = isPercentile(figure) ? Math.max(total, value) : total + value;
        }
        return total;
    }

    private static boolean isPercentile(Figure figure) {
        return figure == Figure.SEND_TIME_P50_MICROS || figure == Figure.SEND_TIME_P99_MICROS
                || figure == Figure.SEND_TIME_MAX_MICROS;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Counters start over from now; gauges stay what they are. */
    @Override
    public void clear() {
        AdapterStatus now = status.get();
        for (Figure f : Figure.values()) {
            if (f.type() == Figure.Type.COUNTER) {
                cleared.put(f, total(now, f));
            }
        }
    }
}
