package io.amqpra.demo.console;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.ConnectionClosed;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.ListenerStarted;
import io.amqpra.api.event.ListenerStopped;
import io.amqpra.api.event.PeerConnectionClosed;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.event.ReconnectGivenUp;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.util.regex.Pattern;

/**
 * Says a lifecycle event in a line a person reads, such as "Reconnected to 127.0.0.1:5673 after
 * 2 attempts (DemoConsumer)". Pure: what it needs beyond the event (the attempts before a
 * reconnect) comes as an argument.
 */
public final class EventLines {

    /** A package-qualified class name: its package is noise on a console. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*)");

    /** How much a line matters: colours it on the page. */
    public enum Level { INFO, GOOD, WARN, BAD }

    /** A line of the console, {@code at} in epoch milliseconds. */
    public record Line(long at, Level level, String text) {
    }

    private EventLines() {
    }

    /**
     * The line for {@code event}; {@code attempts} is how many reconnect attempts its connection
     * made before, which only a {@link Reconnected} line says. {@code null} for an event that
     * another line already tells (the {@link ConnectionOpened} that comes with a reconnect).
     */
    public static Line of(AmqpEvent event, int attempts) {
        long at = event.timestamp().toEpochMilli();
        if (event instanceof ConnectionOpened e) {
            return e.reconnect() ? null
                    : new Line(at, Level.GOOD, "Connected to " + e.endpoint() + owner(e.connectionFactory()));
        } else if (event instanceof ConnectionDisconnected e) {
            return new Line(at, Level.WARN, "Lost the connection to " + e.endpoint() + owner(e.connectionFactory())
                    + ": " + e.cause() + (e.willReconnect() ? "; reconnecting" : ""));
        } else if (event instanceof Reconnecting e) {
            return new Line(at, Level.WARN, "Reconnecting to " + e.nextEndpoint() + " in " + e.delayMillis()
                    + " ms, attempt " + e.attempt() + owner(e.connectionFactory()));
        } else if (event instanceof Reconnected e) {
            String after = attempts > 0 ? " after " + attempts + (attempts == 1 ? " attempt" : " attempts") : "";
            return new Line(at, Level.GOOD, (e.failedOver() ? "Failed over from " + e.previousEndpoint() + " to "
                    : "Reconnected to ") + e.endpoint() + after + owner(e.connectionFactory()));
        } else if (event instanceof ReconnectGivenUp e) {
            return new Line(at, Level.BAD, "Gave up reconnecting after " + e.attempts() + " attempts"
                    + owner(e.connectionFactory()) + ": " + e.lastCause());
        } else if (event instanceof ConnectionClosed e) {
            return new Line(at, Level.INFO, "Closed the connection to " + e.endpoint() + owner(e.connectionFactory()));
        }
        return incoming(event, at);
    }

    private static Line incoming(AmqpEvent event, long at) {
        if (event instanceof ListenerStarted e) {
            return new Line(at, Level.GOOD, "Listening on " + e.host() + ":" + e.port() + " for '" + e.address() + "'"
                    + owner(e.endpointClass()));
        } else if (event instanceof ListenerStopped e) {
            return new Line(at, Level.INFO, "Stopped listening on " + e.host() + ":" + e.port()
                    + owner(e.endpointClass()));
        } else if (event instanceof PeerConnectionOpened e) {
            return new Line(at, Level.INFO, "Peer " + e.remoteContainerId() + " connected from " + e.remoteAddress()
                    + " to port " + e.port() + (e.user() == null ? "" : " as " + e.user()));
        } else if (event instanceof PeerConnectionClosed e) {
            return new Line(at, e.error() == null ? Level.INFO : Level.WARN, "Peer " + e.remoteContainerId()
                    + " from " + e.remoteAddress() + " disconnected" + (e.error() == null ? "" : ": " + e.error()));
        }
        return new Line(at, Level.INFO, shorten(event.toString()));
    }

    /** Who the connection is for, in parentheses: a factory's JNDI name or a bean's class. */
    private static String owner(String name) {
        return name == null || name.isBlank() ? "" : " (" + shorten(name) + ")";
    }

    /** {@code text} with every package-qualified class name reduced to its simple name. */
    public static String shorten(String text) {
        return text == null ? null : QUALIFIED.matcher(text).replaceAll("$1");
    }
}
