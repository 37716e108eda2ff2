package io.amqpra.impl.event;

import io.amqpra.api.AmqpException;
import io.amqpra.api.event.ConnectionDisconnected;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.api.event.ReconnectGivenUp;
import io.amqpra.api.event.Reconnected;
import io.amqpra.api.event.Reconnecting;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The lifecycle events of one outgoing connection, under the name of what owns it: a connection
 * factory's JNDI name, or the bean of a consuming activation.
 */
public final class OutgoingEvents {

    private final EventHub hub;
    private final Supplier<String> owner;
    private volatile int attemptsSinceLoss;

    public OutgoingEvents(EventHub hub, Supplier<String> owner) {
        this.hub = hub;
        this.owner = owner;
    }

    public void opened(String containerId, Object endpoint, String remoteContainerId, Object previous,
                       boolean reconnect) {
        attemptsSinceLoss = 0;
        Instant now = Instant.now();
        hub.fire(new ConnectionOpened(now, owner.get(), containerId, endpoint.toString(), remoteContainerId,
                reconnect));
        if (reconnect) {
            hub.fire(new Reconnected(now, owner.get(), containerId, String.valueOf(previous), endpoint.toString()));
        }
    }

    public void disconnected(String containerId, Object endpoint, AmqpException cause, boolean willReconnect) {
        hub.fire(new ConnectionDisconnected(Instant.now(), owner.get(), containerId, endpoint.toString(),
                cause.getMessage(), cause.errorCondition(), willReconnect));
    }

    public void reconnecting(String containerId, int attempt, Object next, long delayMillis, AmqpException cause) {
        attemptsSinceLoss = attempt;
        hub.fire(new Reconnecting(Instant.now(), owner.get(), containerId, attempt, next.toString(), delayMillis,
                cause.getMessage()));
    }

    /** Reconnecting stopped: the limit, or a failure that trying again cannot fix. */
    public void gaveUp(String containerId, AmqpException cause) {
        hub.fire(new ReconnectGivenUp(Instant.now(), owner.get(), containerId, attemptsSinceLoss,
                cause.getMessage()));
    }
}
