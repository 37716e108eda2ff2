package io.amqpra.impl.inbound;

import io.amqpra.api.AmqpMessageListener;
import io.amqpra.api.DeliveryContext;
import io.amqpra.api.Message;
import io.amqpra.impl.event.EventHub;
import io.amqpra.impl.stats.Figures;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * One message endpoint activated to listen: the addresses it serves, its events, and the
 * dispatch of messages to it.
 */
final class EndpointActivation {

    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = AmqpMessageListener.class.getMethod("onMessage", Message.class, DeliveryContext.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ListenerSettings settings;
    private final EventHub events;
    private final Dispatcher dispatcher;

    /** {@code figures}: its listener's. */
    EndpointActivation(MessageEndpointFactory factory, ListenerSettings settings, Container container,
                       Executor eventThreads, Figures figures) {
        this.settings = settings;
        this.events = eventsOf(factory, eventThreads);
        String description = endpointClass(factory) + " (address " + settings.addresses() + ", port "
                + settings.port() + ")";
        DeliveryRules rules = new DeliveryRules(settings.maxConcurrency(), t -> onError(t, description), m -> null);
        this.dispatcher = new Dispatcher(factory, container, rules, description, figures);
    }

    /**
     * The outcome of a message whose bean threw: released, or rejected with what it threw or, by
     * default, only a reference the server logs it under (its text may name tables, paths or hosts).
     */
    private DeliveryState onError(Throwable t, String description) {
        if (settings.releaseOnError()) {
            return Released.getInstance();
        }
        return settings.sendExceptionText() ? EndpointWork.internalError(t)
                : EndpointWork.internalErrorByReference(t, description);
    }

    /** Events that the bean's application hears. */
    static EventHub eventsOf(MessageEndpointFactory factory, Executor eventThreads) {
        EventHub events = new EventHub(eventThreads);
        Class<?> endpoint = factory.getEndpointClass();
        if (endpoint != null && endpoint.getClassLoader() != null) {
            events.register(endpoint.getClassLoader());
        }
        return events;
    }

    static String endpointClass(MessageEndpointFactory factory) {
        Class<?> endpoint = factory.getEndpointClass();
        return endpoint == null ? "endpoint" : endpoint.getName();
    }

    EventHub events() {
        return events;
    }

    String endpointClass() {
        return endpointClass(dispatcher.factory());
    }

    ListenerSettings settings() {
        return settings;
    }

    boolean serves(String address) {
        return settings.addresses().matches(address);
    }

    void dispatch(Inbound message) {
        dispatcher.dispatch(message);
    }

    /** Stops dispatching; messages not yet handed to the endpoint go back to their peers. */
    void stop() {
        dispatcher.stop();
    }

    String describe() {
        return dispatcher.describe();
    }

    /** Its listener's figures. */
    Figures figures() {
        return dispatcher.figures();
    }
}
