package io.amqpra.payara.app;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.OutgoingConnectionEvent;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the adapter's events one line each, as an application's CDI observer sees them. */
@ApplicationScoped
public class EventRecorder {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    void on(@Observes AmqpEvent event) {
        lines.add(describe(event));
    }

    public List<String> lines() {
        return lines;
    }

    private static String describe(AmqpEvent e) {
        String details = "";
        if (e instanceof ConnectionOpened o) {
            details = "reconnect=" + o.reconnect();
        } else if (e instanceof ConnectionDisconnected d) {
            details = "willReconnect=" + d.willReconnect();
        } else if (e instanceof Reconnecting r) {
            details = "attempt=" + r.attempt();
        } else if (e instanceof Reconnected r) {
            details = "to=" + r.endpoint();
        }
        String source = e instanceof OutgoingConnectionEvent o ? o.connectionFactory() : "";
        return e.getClass().getSimpleName() + "|" + source + "|" + details;
    }
}
