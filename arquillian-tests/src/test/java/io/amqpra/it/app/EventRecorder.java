package io.amqpra.it.app;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.IncomingConnectionEvent;
import io.amqpra.api.event.OutgoingConnectionEvent;
import io.amqpra.api.event.PeerConnectionClosed;
import io.amqpra.api.event.PeerConnectionOpened;
import io.amqpra.api.event.ReconnectGivenUp;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the adapter's events as one line each, as an application's observer would see them. */
@ApplicationScoped
public class EventRecorder {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    void on(@Observes AmqpEvent event) {
        lines.add(describe(event));
    }

    public List<String> lines() {
        return lines;
    }

    static String describe(AmqpEvent e) {
        String type = e.getClass().getSimpleName();
        String details = "";
        if (e instanceof ConnectionOpened o) {
            details = "reconnect=" + o.reconnect() + " remote=" + o.remoteContainerId();
        } else if (e instanceof ConnectionDisconnected d) {
            details = "willReconnect=" + d.willReconnect();
        } else if (e instanceof Reconnecting r) {
            details = "attempt=" + r.attempt() + " next=" + r.nextEndpoint();
        } else if (e instanceof Reconnected r) {
            details = "from=" + r.previousEndpoint() + " to=" + r.endpoint();
        } else if (e instanceof ReconnectGivenUp g) {
            details = "attempts=" + g.attempts();
        } else if (e instanceof PeerConnectionOpened p) {
            details = "peer=" + p.remoteContainerId() + " from=" + p.remoteAddress();
        } else if (e instanceof PeerConnectionClosed p) {
            details = "peer=" + p.remoteContainerId() + " from=" + p.remoteAddress() + " error=" + p.error();
        }
        String source = e instanceof OutgoingConnectionEvent o ? o.connectionFactory() + " " + o.containerId()
                : ((IncomingConnectionEvent) e).endpointClass() + " " + ((IncomingConnectionEvent) e).address()
                + " " + ((IncomingConnectionEvent) e).port();
        return type + "|" + source + "|" + details;
    }
}
