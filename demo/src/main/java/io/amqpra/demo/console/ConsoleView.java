package io.amqpra.demo.console;

import io.amqpra.api.status.AdapterStatus;
import io.amqpra.api.status.Figure;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.api.status.ResourceStatus.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an {@link AdapterStatus} the way the console shows it. Pure. */
public final class ConsoleView {

    private ConsoleView() {
    }

    /**
     * One status of several adapters, each resource once: the server may give a connection factory
     * that an application defines an adapter instance of its own (WildFly does, for
     * {@code @ConnectionFactoryDefinition}), whose {@code status()} then holds only that factory.
     */
    public static AdapterStatus merge(List<AdapterStatus> statuses) {
        Map<String, ResourceStatus> resources = new LinkedHashMap<>();
        boolean live = true;
        String stuck = null;
        for (AdapterStatus status : statuses) {
            live &= status.live();
            stuck = stuck != null ? stuck : status.stuck();
            status.resources().forEach(r -> resources.putIfAbsent(r.kind() + " " + r.name(), r));
        }
        return new AdapterStatus(live, stuck, List.copyOf(resources.values()));
    }

    /** The adapter's message counts, summed over its resources. */
    public static ConsoleState.Totals totals(AdapterStatus status) {
        long sent = 0;
        long accepted = 0;
        long received = 0;
        long sendsInFlight = 0;
        long beansInFlight = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        for (ResourceStatus r : status.resources()) {
            sent += RateMeter.sum(r, RateMeter.OUT);
            accepted += r.figure(Figure.SENDS_ACCEPTED);
            received += RateMeter.sum(r, RateMeter.IN);
            sendsInFlight += r.figure(Figure.SENDS_IN_FLIGHT);
            beansInFlight += r.figure(Figure.BEANS_IN_FLIGHT);
            bytesIn += r.figure(Figure.BYTES_IN);
            bytesOut += r.figure(Figure.BYTES_OUT);
        }
        return new ConsoleState.Totals(sent, accepted, sent - accepted, received, sendsInFlight, beansInFlight,
                bytesIn, bytesOut);
    }

    /**
     * What failed: from the consuming beans, the deliveries that failed and the messages given up
     * on; from the listeners, the messages refused. The queue depths come from the broker, if any.
     */
    public static ConsoleState.DeadLetters deadLetters(AdapterStatus status, Long deadLetterQueue, Long ordersQueue) {
        long redelivered = 0;
        long deadLettered = 0;
        long refused = 0;
        for (ResourceStatus r : status.resources()) {
            if (r.kind() == Kind.CONSUMER) {
                redelivered += r.figure(Figure.RECEIVED_MODIFIED);
                deadLettered += r.figure(Figure.RECEIVED_REJECTED);
            } else if (r.kind() == Kind.LISTENER) {
                refused += r.figure(Figure.RECEIVED_REJECTED);
            }
        }
        return new ConsoleState.DeadLetters(redelivered, deadLettered, refused, deadLetterQueue, ordersQueue);
    }

    /** Each resource with a state in a word and its figures by key. */
    public static List<ConsoleState.Resource> resources(AdapterStatus status) {
        return status.resources().stream().map(r -> {
            Map<String, Long> figures = new LinkedHashMap<>();
            r.figures().forEach((f, v) -> figures.put(f.key(), v));
            return new ConsoleState.Resource(kind(r.kind()), EventLines.shorten(r.name()), state(r), r.problem(),
                    figures);
        }).toList();
    }

    private static String kind(Kind kind) {
        return switch (kind) {
            case CONNECTION_FACTORY -> "connection factory";
            case LISTENER -> "listener";
            case CONSUMER -> "consuming bean";
        };
    }

    /** A resource's state in a word, for a badge. */
    static String state(ResourceStatus r) {
        if (r.kind() == Kind.LISTENER) {
            return r.ready() ? "listening" : "not listening";
        }
        if (r.figure(Figure.CONNECTIONS_RECONNECTING) > 0) {
            return "reconnecting";
        }
        if (r.figure(Figure.CONNECTIONS_OPEN) > 0) {
            return "open";
        }
        if (r.ready()) {
            return "idle";
        }
        return r.problem() != null && r.problem().startsWith("cannot connect") ? "failed" : "connecting";
    }
}
