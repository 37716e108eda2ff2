package io.amqpra.impl.outbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.client.AmqpClientConnection;
import io.amqpra.impl.client.ClientConfig;
import io.amqpra.impl.client.ConnectionListener;
import io.amqpra.api.event.ConnectionClosed;
import io.amqpra.impl.config.ConnectionSettings;
import io.amqpra.impl.event.OutgoingEvents;
import io.amqpra.impl.link.OutcomeWait;
import io.amqpra.impl.log.AmqpLogger;
import java.time.Instant;
import io.amqpra.impl.transport.EventLoops;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled AMQP connection. Application handles come and go; the AMQP connection, its session
 * and its sender links stay for the next user. A lost connection is reported to the pool with
 * {@code CONNECTION_ERROR_OCCURRED}, so that the pool replaces it.
 */
final class AmqpManagedConnection implements ManagedConnection, ConnectionListener {

    private static final AmqpLogger LOG = AmqpLogger.of(AmqpManagedConnection.class);
    private static final long CLEANUP_TIMEOUT_MILLIS = 5_000;

    private final AmqpManagedConnectionFactory factory;
    private final Credentials credentials;
    private final EventLoops loops;
    private final Set<AmqpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AmqpClientConnection client;
    private volatile boolean destroyed;
    /** Whether the factory got the loops back; once, however often the pool destroys. */
    private final AtomicBoolean loopsReleased = new AtomicBoolean();
    private volatile AmqpException lostBy;
    private final OutgoingEvents events;
    private final LocalTransactions transactions = new LocalTransactions(this);
    private final OutcomeWait outcomeWait = new OutcomeWait();
    private PrintWriter logWriter;

    private AmqpManagedConnection(AmqpManagedConnectionFactory factory, Credentials credentials,
                                  EventLoops loops) {
        this.factory = factory;
        this.credentials = credentials;
        this.loops = loops;
        this.events = new OutgoingEvents(factory.events(), factory::name);
    }

    /**
     * Opens the AMQP connection, waiting at most {@code connectTimeout}. A caller who stops waiting
     * (timed out or interrupted) closes it: nobody else holds it, and it would go on connecting, or
     * open later, for no one.
     */
    static AmqpManagedConnection open(AmqpManagedConnectionFactory factory, ClientConfig config,
                                      Credentials credentials, EventLoops loops) throws ResourceException {
        AmqpManagedConnection mc = new AmqpManagedConnection(factory, credentials, loops);
        ConnectionSettings settings = config.settings();
        AmqpClientConnection opening = AmqpClientConnection.open(config, loops, mc);
        try {
            mc.client = opening.opened()
                    .get(settings.transport().connectTimeoutMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AmqpException amqp ? amqp
                    : MESSAGES.couldNotOpen(settings.endpoint(), e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            mc.abandon(opening);
            throw MESSAGES.noConnectionWithin(settings.endpoint(), settings.transport().connectTimeoutMillis());
        } catch (InterruptedException e) {
            mc.abandon(opening);
            Thread.currentThread().interrupt();
            throw MESSAGES.interruptedWhileConnecting(settings.endpoint());
        }
        return mc;
    }

    /**
     * Its opener stopped waiting: the connection closes, and if it opened meanwhile (its
     * {@code ConnectionOpened} event went out), observers hear that it closed again.
     */
    private void abandon(AmqpClientConnection opening) {
        opening.close();
        opening.opened().thenRun(() -> fireClosed(opening));
    }

    private void fireClosed(AmqpClientConnection c) {
        factory.events().fire(new ConnectionClosed(Instant.now(), factory.name(), c.containerId(),
                c.settings().endpoint().toString()));
    }

    AmqpManagedConnectionFactory factory() {
        return factory;
    }

    Credentials credentials() {
        return credentials;
    }

    AmqpClientConnection client() {
        return client;
    }

    boolean isUsable() {
        // A connection that is reconnecting stays in the pool: evicting it would only open another.
        return !destroyed && client.isUsable();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException(MESSAGES.managedConnectionDestroyed());
        }
        if (!factory.credentials(subject, info).equals(credentials)) {
            throw MESSAGES.reauthenticationNotSupported(credentials);
        }
        AmqpConnectionHandle handle = new AmqpConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof AmqpConnectionHandle handle)) {
            throw MESSAGES.notAHandle(connection);
        }
        handle.moveTo(this);
    }

    void attach(AmqpConnectionHandle handle) {
        handles.add(handle);
    }

    void detach(AmqpConnectionHandle handle) {
        handles.remove(handle);
    }

    /** A handle was closed by the application: the pool may hand this connection out again. */
    void handleClosed(AmqpConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    /** How callers of blocking sends on this connection wait for their outcome. */
    OutcomeWait outcomeWait() {
        return outcomeWait;
    }

    /** The connection's local transaction, begun by the container or the application. */
    LocalTransactions transactions() {
        return transactions;
    }

    /** Tells the pool about a local transaction the application began or ended. */
    void fire(int type) {
        ConnectionEvent event = new ConnectionEvent(this, type);
        for (ConnectionEventListener l : listeners) {
            switch (type) {
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> l.localTransactionStarted(event);
                case ConnectionEvent.LOCAL_TRANSACTION_COMMITTED -> l.localTransactionCommitted(event);
                default -> l.localTransactionRolledback(event);
            }
        }
    }

    void logAbandonFailure(Exception e) {
        LOG.debugf(e, "Rolling back the transaction left open on %s failed", client.containerId());
    }

    @Override
    public void cleanup() throws ResourceException {
        transactions.reset(); // a transaction its user left open is rolled back
        for (AmqpConnectionHandle handle : handles) {
            handle.invalidate(null);
        }
        handles.clear();
        if (client.isUsable()) {
            // Give back what the last user received but did not settle, so nothing is stranded
            // in an idle pooled connection.
            try {
                client.receiving().releaseReceivers().get(CLEANUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf(e, "Releasing receivers of %s failed", client.containerId());
            }
        }
    }

    @Override
    public void destroy() {
        if (!destroyed && lostBy == null) {
            fireClosed(client);
        }
        destroyed = true;
        for (AmqpConnectionHandle handle : handles) {
            handle.invalidate(lostBy);
        }
        handles.clear();
        try {
            client.close().get(CLEANUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf(e, "Closing %s did not finish cleanly", client.containerId());
        } finally {
            if (loopsReleased.compareAndSet(false, true)) {
                factory.released(loops); // a factory's own loops stop with its last connection
            }
        }
    }

    @Override
    public OutgoingEvents events() {
        return events;
    }

    /** From the event loop: the connection is gone. The pool learns of it off the loop. */
    @Override
    public void connectionLost(AmqpException cause) {
        if (client != null && client.settings().reconnect().enabled()) {
            events.gaveUp(client.containerId(), cause);
        }
        lostBy = cause;
        LOG.pooledConnectionLost(client == null ? "?" : client.containerId(),
                client == null ? "?" : client.settings().endpoint(), cause.getMessage());
        loops.completions().execute(() -> {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
            for (ConnectionEventListener l : listeners) {
                l.connectionErrorOccurred(event);
            }
        });
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw MESSAGES.transactionsNotSupported();
    }

    /** The container's view of the AMQP local transaction: JTA enlists it as the last resource. */
    @Override
    public LocalTransaction getLocalTransaction() {
        return transactions;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return client.remoteContainerId() == null ? "AMQP 1.0 peer" : client.remoteContainerId();
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return credentials.username() != null ? credentials.username() : client.settings().sasl().username();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
