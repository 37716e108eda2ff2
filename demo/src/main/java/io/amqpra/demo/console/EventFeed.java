package io.amqpra.demo.console;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.OutgoingConnectionEvent;
import io.amqpra.api.event.Reconnecting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest lifecycle events as lines, newest first and at most {@link #KEEP}, and the
 * connections they tell of. A connection that keeps failing to reconnect has one line, its latest
 * attempt, rather than one an attempt: a long outage would push everything else out. Pure; not
 * thread-safe.
 */
public final class EventFeed {

    static final int KEEP = 50;

    private final Deque<EventLines.Line> lines = new ArrayDeque<>();
    private final ConnectionBook connections = new ConnectionBook();
    /** The line of each connection's latest reconnect attempt, while it is reconnecting. */
    private final Map<String, EventLines.Line> attempts = new HashMap<>();

    public void record(AmqpEvent event) {
        EventLines.Line line = EventLines.of(event, connections.record(event));
        if (event instanceof OutgoingConnectionEvent out) {
            EventLines.Line previous = event instanceof Reconnecting
                    ? attempts.put(out.containerId(), line) : attempts.remove(out.containerId());
            if (previous != null && event instanceof Reconnecting) {
                lines.remove(previous);
            }
        }
        if (line != null) {
            lines.addFirst(line);
            if (lines.size() > KEEP) {
                lines.removeLast();
            }
        }
    }

    /** The latest lines, newest first. */
    public List<EventLines.Line> lines() {
        return new ArrayList<>(lines);
    }

    /** The connections the events told of, most recently changed first. */
    public List<ConnectionBook.Row> connections() {
        return connections.rows();
    }
}
