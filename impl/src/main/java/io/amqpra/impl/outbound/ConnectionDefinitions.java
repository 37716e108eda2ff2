package io.amqpra.impl.outbound;

import io.amqpra.api.status.ResourceStatus;
import io.amqpra.impl.config.PropertyValues;
import io.amqpra.impl.log.AmqpLogger;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The connection factories associated with one resource adapter, found by the JNDI name the
 * server bound each under, so that a consuming bean can name one ({@code connectionFactoryLookup})
 * and connect with its settings. Only the settings are shared: the bean keeps its own connection.
 *
 * <p>A factory is held weakly: one an application defined goes away when it is undeployed, and
 * the list holds no more than the factories alive.
 */
public final class ConnectionDefinitions {

    private static final AmqpLogger LOG = AmqpLogger.of(ConnectionDefinitions.class);

    private final List<WeakReference<AmqpManagedConnectionFactory>> factories = new ArrayList<>();

    /** Remembers a factory the server associated with the adapter. */
    synchronized void add(AmqpManagedConnectionFactory mcf) {
        factories.removeIf(r -> r.get() == null);
        if (factories.stream().noneMatch(r -> r.get() == mcf)) {
            factories.add(new WeakReference<>(mcf));
        }
    }

    /**
     * The connection property values of the factory bound under {@code jndiName}: one of this
     * adapter's, else one of ours that JNDI finds under the name (a factory of another
     * activation of the rar, such as one in the server's resource-adapters subsystem). Looks the
     * name up in JNDI, so call it on a container thread, never on an event loop.
     *
     * @return a copy of its values, or {@code null} when no factory of ours has that name
     */
    public PropertyValues settingsOf(String jndiName) {
        AmqpManagedConnectionFactory mcf = registered(jndiName);
        if (mcf == null) {
            mcf = lookUp(jndiName);
        }
        return mcf == null ? null : mcf.values();
    }

    /** The status of each factory of this adapter that is alive. */
    public synchronized List<ResourceStatus> statuses() {
        List<ResourceStatus> statuses = new ArrayList<>();
        for (WeakReference<AmqpManagedConnectionFactory> r : factories) {
            AmqpManagedConnectionFactory mcf = r.get();
            if (mcf != null) {
                statuses.add(mcf.status());
            }
        }
        return statuses;
    }

    /** The JNDI names of this adapter's factories that are bound, sorted, for an error message. */
    public synchronized List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (WeakReference<AmqpManagedConnectionFactory> r : factories) {
            AmqpManagedConnectionFactory mcf = r.get();
            if (mcf != null && mcf.jndiName() != null) {
                names.add(mcf.jndiName());
            }
        }
        return List.copyOf(names);
    }

    private synchronized AmqpManagedConnectionFactory registered(String jndiName) {
        for (WeakReference<AmqpManagedConnectionFactory> r : factories) {
            AmqpManagedConnectionFactory mcf = r.get();
            if (mcf != null && jndiName.equals(mcf.jndiName())) {
                return mcf;
            }
        }
        return null;
    }

    private static AmqpManagedConnectionFactory lookUp(String jndiName) {
        InitialContext context = null;
        try {
            context = new InitialContext();
            return context.lookup(jndiName) instanceof AmqpConnectionFactoryImpl cf ? cf.managedConnectionFactory() : null;
        } catch (NamingException | RuntimeException e) {
            // Not bound, or no JNDI at all (outside a server): the caller says which names there are.
            LOG.debugf("No connection factory found in JNDI under %s: %s", jndiName, e);
            return null;
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    LOG.debugf("Closing a JNDI context: %s", e);
                }
            }
        }
    }
}
