package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpAuthenticator;
import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.outbound.ConnectionDefinitions;
import io.amqpra.impl.stats.Figures;
import io.amqpra.impl.transport.EventLoops;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The resource adapter's listeners, shared by activations with the same host and port. */
public final class Listeners {

    private final Map<String, Listener> shared = new HashMap<>();
    private final Map<MessageEndpointFactory, Map<ActivationSpec, Active>> active = new IdentityHashMap<>();
    private final Map<ActivationSpec, ConsumerActivation> consumers = new IdentityHashMap<>();
    private final ConnectionDefinitions definitions;

    /** Listeners whose consuming beans can name no connection factory. */
    public Listeners() {
        this(new ConnectionDefinitions());
    }

    /** Listeners whose consuming beans can name one of {@code definitions}. */
    public Listeners(ConnectionDefinitions definitions) {
        this.definitions = definitions;
    }

    private record Active(Listener listener, EndpointActivation activation) {
    }

    public synchronized void activate(MessageEndpointFactory factory, ActivationSpec spec, EventLoops loops,
                                      Container container) throws ResourceException {
        if (!(spec instanceof AmqpActivationSpec amqp)) {
            throw MESSAGES.notAnActivationSpec(spec);
        }
        if (amqp.connects()) {
            ConsumerActivation consumer = new ConsumerActivation(factory, amqp,
                    amqp.connectionSettings(definitions), loops, container);
            consumers.put(spec, consumer);
            consumer.start();
            return;
        }
        ListenerSettings settings = amqp.settings();
        Listener listener = settings.key() == null ? null : shared.get(settings.key());
        Figures figures = listener != null ? listener.figures() : new Figures(ResourceStatus.Kind.LISTENER);
        EndpointActivation activation = new EndpointActivation(factory, settings, container, loops.completions(),
                figures);
        if (listener != null) {
            checkCanShare(listener, settings);
        } else {
            listener = new Listener(settings, loops, authenticator(settings, factory), figures);
            try {
                listener.bind(container.board());
            } catch (Exception e) {
                throw MESSAGES.cannotListen(settings.host(), settings.port(), e.getClass().getSimpleName(),
                        e.getMessage(), e);
            }
            if (settings.key() != null) {
                shared.put(settings.key(), listener);
            }
        }
        listener.add(activation);
        active.computeIfAbsent(factory, f -> new IdentityHashMap<>()).put(spec, new Active(listener, activation));
    }

    /** An activation may join a listener only with the same settings, and for other addresses. */
    private static void checkCanShare(Listener listener, ListenerSettings settings) throws ResourceException {
        List<String> differ = settings.differencesFrom(listener.settings());
        if (!differ.isEmpty()) {
            throw MESSAGES.listenerSettingsDiffer(differ, settings.host(), settings.port());
        }
        for (EndpointActivation other : listener.activations()) {
            if (other.settings().addresses().toString().equals(settings.addresses().toString())) {
                throw MESSAGES.addressAlreadyServed(settings.addresses(), other.describe(), settings.port());
            }
        }
    }

    private static AmqpAuthenticator authenticator(ListenerSettings settings, MessageEndpointFactory factory)
            throws ResourceException {
        String name = settings.authenticator();
        if (name == null) {
            return null;
        }
        if (name.startsWith(ListenerSettings.DOMAIN_PREFIX)) {
            return ElytronDomainAuthenticator.lookup(name.substring(ListenerSettings.DOMAIN_PREFIX.length()));
        }
        ClassLoader loader = factory.getEndpointClass() != null ? factory.getEndpointClass().getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(name, true, loader);
            return (AmqpAuthenticator) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw MESSAGES.invalidAuthenticator(name, e);
        }
    }

    public void deactivate(MessageEndpointFactory factory, ActivationSpec spec) {
        ConsumerActivation consumer;
        synchronized (this) {
            consumer = consumers.remove(spec);
        }
        if (consumer != null) {
            consumer.stop(); // waits for the beans in flight, so not while holding the lock
            return;
        }
        deactivateListening(factory, spec);
    }

    private synchronized void deactivateListening(MessageEndpointFactory factory, ActivationSpec spec) {
        Map<ActivationSpec, Active> specs = active.get(factory);
        Active a = specs == null ? null : specs.remove(spec);
        if (a == null) {
            return;
        }
        if (specs.isEmpty()) {
            active.remove(factory);
        }
        if (a.listener().remove(a.activation())) {
            shared.values().remove(a.listener());
            a.listener().close();
        }
    }

    /** The port an activation listens on (useful when it asked for port 0). */
    public synchronized int port(MessageEndpointFactory factory, ActivationSpec spec) {
        Listener listener = listener(factory, spec);
        return listener == null ? -1 : listener.port();
    }

    /** The listener an activation listens with, or {@code null}. */
    synchronized Listener listener(MessageEndpointFactory factory, ActivationSpec spec) {
        Map<ActivationSpec, Active> specs = active.get(factory);
        Active a = specs == null ? null : specs.get(spec);
        return a == null ? null : a.listener();
    }

    public void closeAll() {
        List<ConsumerActivation> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(consumers.values());
            consumers.clear();
        }
        stopping.forEach(ConsumerActivation::stop);
        closeListeners();
    }

    private synchronized void closeListeners() {
        Set<Listener> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map<ActivationSpec, Active> specs : active.values()) {
            for (Active a : specs.values()) {
                a.activation().stop();
                all.add(a.listener());
            }
        }
        active.clear();
        all.addAll(shared.values());
        shared.clear();
        all.forEach(Listener::close);
    }
}
