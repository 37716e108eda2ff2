package io.amqpra.demo;

import io.amqpra.api.event.AmqpEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/** Keeps the latest connection notifications for the page, and logs each one. */
@ApplicationScoped
public class DemoEvents {

    private static final Logger LOG = Logger.getLogger(DemoEvents.class.getName());
    private static final int KEEP = 30;
    private final Deque<AmqpEvent> latest = new ArrayDeque<>();

    void on(@Observes AmqpEvent event) {
        LOG.info(() -> "Connection notification: " + event);
        synchronized (latest) {
            latest.addFirst(event);
            if (latest.size() > KEEP) {
                latest.removeLast();
            }
        }
    }

    public List<AmqpEvent> latest() {
        synchronized (latest) {
            return new ArrayList<>(latest);
        }
    }
}
