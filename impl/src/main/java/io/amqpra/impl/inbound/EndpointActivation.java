package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import io.amqpra.impl.event.EventHub;
import io.amqpra.impl.log.AmqpLogger;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.apache.qpid.proton.amqp.messaging.Released;

/**
 * One activated message endpoint: the addresses it serves, and the dispatch of messages to it as
 * {@code Work} on the container's WorkManager, at most {@code maxConcurrency} at a time.
 */
final class EndpointActivation {

    private static final AmqpLogger LOG = AmqpLogger.of(EndpointActivation.class);
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = AmqpMessageListener.class.getMethod("onMessage", Message.class, DeliveryContext.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory factory;
    private final AmqpActivationSpec spec;
    private final ListenerSettings settings;
    private final WorkManager workManager;
    private final ArrayDeque<InboundMessage> waiting = new ArrayDeque<>();
    private final EventHub events;
    private int running;
    private boolean stopped;

    EndpointActivation(MessageEndpointFactory factory, AmqpActivationSpec spec, ListenerSettings settings,
                       WorkManager workManager, Executor eventThreads) {
        this.factory = factory;
        this.spec = spec;
        this.settings = settings;
        this.workManager = workManager;
        this.events = new EventHub(eventThreads);
        Class<?> endpoint = factory.getEndpointClass();
        if (endpoint != null && endpoint.getClassLoader() != null) {
            events.register(endpoint.getClassLoader()); // the bean's application hears of this listener
        }
    }

    EventHub events() {
        return events;
    }

    String endpointClass() {
        Class<?> endpoint = factory.getEndpointClass();
        return endpoint == null ? "?" : endpoint.getName();
    }

    MessageEndpointFactory factory() {
        return factory;
    }

    AmqpActivationSpec spec() {
        return spec;
    }

    ListenerSettings settings() {
        return settings;
    }

    boolean serves(String address) {
        return settings.addresses().matches(address);
    }

    void dispatch(InboundMessage message) {
        synchronized (this) {
            if (stopped) {
                message.finish(Released.getInstance());
                return;
            }
            waiting.add(message);
        }
        drain();
    }

    private void drain() {
        while (true) {
            InboundMessage next;
            synchronized (this) {
                if (running >= settings.maxConcurrency() || (next = waiting.poll()) == null) {
                    return;
                }
                running++;
            }
            try {
                workManager.scheduleWork(new EndpointWork(this, next));
            } catch (WorkException e) {
                LOG.workRefusedMessageReleased(describe(), e.getMessage());
                next.finish(Released.getInstance());
                synchronized (this) {
                    running--;
                }
            }
        }
    }

    /**
     * A work that finished one message takes the next waiting one, if any, instead of ending:
     * under load a few works run back to back rather than one container hand-off per message.
     */
    InboundMessage nextOrDone() {
        InboundMessage next;
        synchronized (this) {
            next = stopped ? null : waiting.poll();
            if (next == null) {
                running--;
            }
        }
        return next;
    }

    /** Stops dispatching; messages not yet handed to the endpoint go back to their peers. */
    void stop() {
        ArrayDeque<InboundMessage> left;
        synchronized (this) {
            stopped = true;
            left = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        left.forEach(m -> m.finish(Released.getInstance()));
    }

    String describe() {
        return factory.getEndpointClass() == null ? "endpoint" : factory.getEndpointClass().getName()
                + " (address " + settings.addresses() + ", port " + settings.port() + ")";
    }
}
