package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.status.AdapterStatus;
import io.amqpra.impl.AmqpResourceAdapter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.List;
import java.util.Objects;
import javax.naming.Reference;

/**
 * The connection factory applications look up. Every connection comes from the connection
 * manager: the server's pool when deployed, {@link NonManagedConnectionManager} otherwise.
 */
public final class AmqpConnectionFactoryImpl implements AmqpConnectionFactory, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final AmqpManagedConnectionFactory mcf;
    private final ConnectionManager manager;
    private Reference reference;

    AmqpConnectionFactoryImpl(AmqpManagedConnectionFactory mcf, ConnectionManager manager) {
        this.mcf = Objects.requireNonNull(mcf);
        this.manager = Objects.requireNonNull(manager);
    }

    @Override
    public AmqpConnection getConnection() throws AmqpException {
        return allocate(null);
    }

    @Override
    public AmqpConnection getConnection(String username, String password) throws AmqpException {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        return allocate(new Credentials(username, password));
    }

    private AmqpConnection allocate(Credentials credentials) throws AmqpException {
        // The caller's application hears this factory's lifecycle events from now on.
        mcf.events().registerCaller();
        try {
            return (AmqpConnection) manager.allocateConnection(mcf, credentials);
        } catch (ResourceException e) {
            // A pool wraps our exception in its own; give the caller the one that says what
            // went wrong with the AMQP peer.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof AmqpException amqp) {
                    throw amqp;
                }
            }
            throw MESSAGES.noConnectionAvailable(e.getMessage(), e);
        }
    }

    @Override
    public AdapterStatus status() {
        if (mcf.getResourceAdapter() instanceof AmqpResourceAdapter ra && ra.eventLoops() != null) {
            return AmqpResourceAdapter.running();
        }
        return new AdapterStatus(true, null, List.of(mcf.status()));
    }

    /** The managed connection factory behind this one, whose settings a consuming bean may take. */
    AmqpManagedConnectionFactory managedConnectionFactory() {
        return mcf;
    }

    /**
     * In non-managed mode, closes the factory: its idle pooled connections close now, a connection
     * in use closes with its handle, and the factory's threads end with its last connection;
     * {@code getConnection} then fails. A factory the server manages belongs to the server, which
     * closes its pool: this does nothing to it.
     */
    @Override
    public void close() {
        if (manager instanceof NonManagedConnectionManager pool) {
            pool.close();
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
        // WildFly binds the factory with new Reference(jndiName): its class name is the JNDI name.
        if (reference != null && reference.size() == 0 && reference.getClassName() != null
                && reference.getClassName().startsWith("java:")) {
            mcf.named(reference.getClassName());
        }
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
