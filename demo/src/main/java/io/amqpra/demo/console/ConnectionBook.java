package io.amqpra.demo.console;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.ConnectionClosed;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.ListenerStopped;
import io.amqpra.api.event.OutgoingConnectionEvent;
import io.amqpra.api.event.PeerConnectionClosed;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.event.ReconnectGivenUp;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The connections the application heard of, each in its latest state, from the lifecycle events:
 * its factories' and consuming beans' connections out (open, reconnecting, failed over, failed)
 * and the peers connected to its listeners. At most {@link #KEEP}: the oldest go first. Not
 * thread-safe: its owner serialises the calls.
 */
public final class ConnectionBook {

    static final int KEEP = 40;

    /**
     * One connection. {@code direction} is "out" or "in"; {@code owner} the factory or bean;
     * {@code peer} the remote container id; {@code since} when it reached {@code state}, in
     * epoch milliseconds; {@code detail} what else there is to say, or {@code null}.
     */
    public record Row(String id, String direction, String owner, String endpoint, String peer, String state,
                      long since, String detail, int attempts) {

        Row with(String state, long since, String detail, int attempts) {
            return new Row(id, direction, owner, endpoint, peer, state, since, detail, attempts);
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
            return size() > KEEP;
        }
    };

    /**
     * Takes the event into account and returns how many reconnect attempts its connection had
     * made before it (for {@link EventLines#of}).
     */
    public int record(AmqpEvent event) {
        if (event instanceof OutgoingConnectionEvent out) {
            return outgoing(out, event.timestamp().toEpochMilli());
        }
        if (event instanceof PeerConnectionOpened e) {
            String id = peerId(e.port(), e.remoteAddress(), e.remoteContainerId());
            rows.put(id, new Row(id, "in", EventLines.shorten(e.endpointClass()), e.remoteAddress(),
                    e.remoteContainerId(), "open", e.timestamp().toEpochMilli(),
                    "port " + e.port() + (e.user() == null ? "" : ", user " + e.user()), 0));
        } else if (event instanceof PeerConnectionClosed e) {
            rows.remove(peerId(e.port(), e.remoteAddress(), e.remoteContainerId()));
        } else if (event instanceof ListenerStopped e) {
            rows.values().removeIf(r -> r.id().startsWith("peer:" + e.port() + "/"));
        }
        return 0;
    }

    private int outgoing(OutgoingConnectionEvent event, long at) {
        String id = event.containerId();
        Row row = rows.get(id);
        int attempts = row == null ? 0 : row.attempts();
        if (event instanceof ConnectionOpened e && (row == null || !e.reconnect())) {
            rows.put(id, new Row(id, "out", EventLines.shorten(e.connectionFactory()), e.endpoint(),
                    e.remoteContainerId(), "open", at, null, 0));
        } else if (event instanceof ConnectionClosed) {
            rows.remove(id);
        } else if (row != null) {
            Row next = next(row, event, at);
            if (next != null) {
                rows.put(id, next);
            }
        }
        return attempts;
    }

    /** The row after {@code event}, or {@code null} to leave it as it is. */
    private static Row next(Row row, OutgoingConnectionEvent event, long at) {
        if (event instanceof ConnectionDisconnected e) {
            return row.with(e.willReconnect() ? "reconnecting" : "lost", at, e.cause(), 0);
        } else if (event instanceof Reconnecting e) {
            return row.with("reconnecting", row.state().equals("reconnecting") ? row.since() : at,
                    "attempt " + e.attempt() + " to " + e.nextEndpoint() + ": " + e.lastCause(), e.attempt());
        } else if (event instanceof Reconnected e) {
            Row moved = new Row(row.id(), row.direction(), row.owner(), e.endpoint(), row.peer(), row.state(),
                    row.since(), row.detail(), 0);
            return e.failedOver() ? moved.with("failed over", at, "from " + e.previousEndpoint(), 0)
                    : moved.with("open", at, "reconnected", 0);
        } else if (event instanceof ReconnectGivenUp e) {
            return row.with("failed", at, e.lastCause(), e.attempts());
        }
        return null;
    }

    private static String peerId(int port, String remoteAddress, String remoteContainerId) {
        return "peer:" + port + "/" + remoteAddress + "/" + Objects.toString(remoteContainerId, "");
    }

    /** The connections, newest first. */
    public List<Row> rows() {
        List<Row> list = new ArrayList<>(rows.values());
        list.sort((a, b) -> Long.compare(b.since(), a.since()));
        return list;
    }
}
