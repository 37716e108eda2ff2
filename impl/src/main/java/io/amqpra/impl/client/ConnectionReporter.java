package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.api.status.Figure;
import io.amqpra.impl.config.Endpoint;
import io.amqpra.impl.log.AmqpLogger;
import io.amqpra.impl.stats.Figures;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * Reports the life of one {@link AmqpClientConnection} to the log and to its
 * {@link ConnectionListener}: opened, lost, trying again, given up; and counts it in its owner's
 * {@link Figures}. Logs under the connection's
 * category. Loop thread only.
 */
final class ConnectionReporter {

    private static final AmqpLogger LOG = AmqpLogger.of(AmqpClientConnection.class);
    /** One failed attempt in this many is a warning; the others are info. */
    private static final int WARN_EVERY = 10;

    private final String containerId;
    private final ConnectionListener listener;
    private final Figures figures;

    ConnectionReporter(String containerId, ConnectionListener listener, Figures figures) {
        this.containerId = containerId;
        this.listener = listener;
        this.figures = figures;
    }

    /** The connection moved between states: open or reconnecting, before and now. */
    void stateChanged(boolean wasOpen, boolean wasReconnecting, boolean open, boolean reconnecting) {
        if (wasOpen != open) {
            figures.add(Figure.CONNECTIONS_OPEN, open ? 1 : -1);
        }
        if (wasReconnecting != reconnecting) {
            figures.add(Figure.CONNECTIONS_RECONNECTING, reconnecting ? 1 : -1);
        }
    }

    /** The peer's open arrived, at first or after a reconnect (from {@code previous}). */
    void opened(Endpoint endpoint, String remoteContainerId, Endpoint previous, boolean reconnect) {
        figures.connectOk();
        if (reconnect && !endpoint.equals(previous)) {
            figures.increment(Figure.FAILOVERS);
        }
        if (reconnect) {
            if (endpoint.equals(previous)) {
                LOG.reconnected(containerId, endpoint);
            } else {
                LOG.reconnected(containerId, endpoint, previous);
            }
        } else {
            LOG.debugf("Opened %s to %s (remote container %s)", containerId, endpoint, remoteContainerId);
        }
        listener.opened(containerId, endpoint, remoteContainerId, previous, reconnect);
    }

    /** An open connection was lost. */
    void lost(Endpoint endpoint, AmqpException cause, boolean willReconnect) {
        LOG.connectionLost(containerId, endpoint, cause.getMessage(), willReconnect ? "; reconnecting" : "");
        listener.disconnected(containerId, endpoint, cause, willReconnect);
    }

    /**
     * Attempt number {@code attempt} goes to {@code next} after {@code delayMillis}; the previous
     * one, to {@code failed}, ended with {@code cause}. Logged unless a lost open connection was
     * reported already.
     */
    void retrying(int attempt, Endpoint failed, AmqpException cause, Endpoint next, long delayMillis,
                  boolean logged) {
        figures.increment(Figure.RECONNECT_ATTEMPTS);
        figures.connectFailed(cause.getMessage());
        if (!logged) {
            String line = LOG.connectionAttemptFailed(attempt, failed, cause.getMessage(), delayMillis, next);
            if (attempt % WARN_EVERY == 0) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        }
        listener.reconnecting(containerId, attempt, next, delayMillis, cause);
    }

    /** The connection is gone for good, opened or not: nothing more will be tried. */
    void failed(AmqpException cause) {
        figures.increment(Figure.CONNECTIONS_FAILED);
        figures.connectFailed(cause.getMessage());
    }

    /** An opened connection is gone for good; {@code reconnecting} says whether attempts were made. */
    void gaveUp(Endpoint endpoint, int attempts, AmqpException cause, boolean reconnecting) {
        if (reconnecting) {
            LOG.gaveUpReconnecting(containerId, endpoint, attempts, cause.getMessage());
        }
        listener.connectionLost(cause);
    }

    /** The broker refused or ended a consumer's link; it attaches again after {@code delayMillis}. */
    void consumerEnded(String address, ErrorCondition error, long delayMillis) {
        LOG.consumerLinkEnded(containerId, address, error == null || error.getCondition() == null ? "no error"
                : error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription()),
                delayMillis);
    }

    /** The application's connectionDetailsProvider threw. */
    void providerFailed(RuntimeException e) {
        LOG.connectionDetailsProviderFailed(e);
    }
}
