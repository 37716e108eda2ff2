package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.impl.config.Endpoint;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import io.amqpra.impl.log.AmqpLogger;

/**
 * Reports the life of one {@link AmqpClientConnection} to the log and to its
 * {@link ConnectionListener}: opened, lost, trying again, given up. Logs under the connection's
 * category. Loop thread only.
 */
final class ConnectionReporter {

    private static final AmqpLogger LOG = AmqpLogger.of(AmqpClientConnection.class);
    /** One failed attempt in this many is a warning; the others are info. */
    private static final int WARN_EVERY = 10;

    private final String containerId;
    private final ConnectionListener listener;

    ConnectionReporter(String containerId, ConnectionListener listener) {
        this.containerId = containerId;
        this.listener = listener;
    }

    /** The peer's open arrived, at first or after a reconnect (from {@code previous}). */
    void opened(Endpoint endpoint, String remoteContainerId, Endpoint previous, boolean reconnect) {
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
