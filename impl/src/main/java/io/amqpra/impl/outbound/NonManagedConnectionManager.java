package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The connection manager of non-managed mode (plain Java SE): a small pool of idle managed
 * connections, matched by credentials like a server's pool would, so that command-line tools and
 * tests do not open an AMQP connection per {@code getConnection()}. {@link #close()} ends it: the
 * idle connections close at once, those in use when their handle closes.
 */
final class NonManagedConnectionManager implements ConnectionManager, ConnectionEventListener {

    private static final long serialVersionUID = 1L;
    private static final int MAX_IDLE = 8;

    private final transient Deque<ManagedConnection> idle = new ArrayDeque<>();
    /** Guarded by {@link #idle}. */
    private boolean closed;

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
            throws ResourceException {
        synchronized (idle) {
            if (closed) {
                throw MESSAGES.connectionFactoryClosed(((AmqpManagedConnectionFactory) mcf).name());
            }
        }
        while (true) {
            ManagedConnection candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                break;
            }
            if (mcf.matchManagedConnections(Set.of(candidate), null, info) != null) {
                return candidate.getConnection(null, info);
            }
            destroyQuietly(candidate);
        }
        ManagedConnection mc = mcf.createManagedConnection(null, info);
        mc.addConnectionEventListener(this);
        return mc.getConnection(null, info);
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        ManagedConnection mc = (ManagedConnection) event.getSource();
        try {
            mc.cleanup();
        } catch (ResourceException e) {
            destroyQuietly(mc);
            return;
        }
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(mc);
                return;
            }
        }
        destroyQuietly(mc);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        ManagedConnection mc = (ManagedConnection) event.getSource();
        synchronized (idle) {
            idle.remove(mc);
        }
        destroyQuietly(mc);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
    }

    /** Closes the idle connections and every other one when its handle closes; refuses new ones. */
    void close() {
        List<ManagedConnection> idling;
        synchronized (idle) {
            closed = true;
            idling = new ArrayList<>(idle);
            idle.clear();
        }
        idling.forEach(NonManagedConnectionManager::destroyQuietly);
    }

    private static void destroyQuietly(ManagedConnection mc) {
        try {
            mc.destroy();
        } catch (ResourceException | RuntimeException ignored) {
            // Already gone: nothing more to free.
        }
    }
}
