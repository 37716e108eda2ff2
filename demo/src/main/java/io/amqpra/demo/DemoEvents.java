package io.amqpra.demo;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.demo.console.ConnectionBook;
import io.amqpra.demo.console.EventFeed;
import io.amqpra.demo.console.EventLines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.logging.Logger;

/**
 * Hears the adapter's lifecycle events: logs each one, and keeps for the console the latest as
 * readable lines and the connections they tell of.
 */
@ApplicationScoped
public class DemoEvents {

    private static final Logger LOG = Logger.getLogger(DemoEvents.class.getName());
    private final EventFeed feed = new EventFeed();

    void on(@Observes AmqpEvent event) {
        LOG.info(() -> "Connection notification: " + event);
        synchronized (feed) {
            feed.record(event);
        }
    }

    /** The latest lines, newest first. */
    public List<EventLines.Line> lines() {
        synchronized (feed) {
            return feed.lines();
        }
    }

    /** The connections the events told of, most recently changed first. */
    public List<ConnectionBook.Row> connections() {
        synchronized (feed) {
            return feed.connections();
        }
    }
}
