package io.amqpra.impl.client;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AmqpSecurityException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.TlsException;
import io.amqpra.impl.config.Endpoint;
import javax.net.ssl.SSLException;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/**
 * Every failure of a client connection, in one place: turns what went wrong (an exception of the
 * transport, a refused SASL exchange, the peer's or the engine's error condition, a deadline that
 * passed) into the adapter's typed exceptions, and says by their type which ones are fatal. No
 * other class walks cause chains or reads error conditions to classify a failure.
 */
final class ClientFailures {

    private static final Symbol UNAUTHORIZED = Symbol.valueOf("amqp:unauthorized-access");

    private ClientFailures() {
    }

    /** Whether trying again cannot help: bad credentials or a certificate that does not verify. */
    static boolean isFatal(AmqpException cause) {
        return cause instanceof AmqpSecurityException;
    }

    /**
     * Why the socket of an attempt ended, from the most telling evidence: a TLS failure in the
     * transport's exception, a refused SASL exchange, the engine's own condition (an expired idle
     * timeout), the peer's condition, the transport's exception, or else an orderly end.
     *
     * @param cause the transport's exception, or {@code null} for an orderly end
     * @param saslFailure why SASL failed, or {@code null}
     * @param saslTemporary why SASL failed for now ({@code sys-temp}), or {@code null}
     * @param local the engine's own condition, or {@code null}
     * @param remote the peer's (or the transport's) condition, or {@code null}
     */
    static AmqpException ended(Endpoint endpoint, Throwable cause, String saslFailure, String saslTemporary,
                               ErrorCondition local, ErrorCondition remote, long idleTimeoutMillis) {
        if (hasTlsCause(cause)) {
            return tlsFailed(endpoint, cause);
        }
        if (saslFailure != null) {
            return MESSAGES.authenticationFailed(endpoint, saslFailure);
        }
        if (saslTemporary != null) {
            return lost(endpoint, ": " + saslTemporary, null); // transient: worth another attempt
        }
        if (local != null) {
            // The engine ended the connection itself: the idle timeout expired. The transport
            // then also reports 'connection aborted', which is only the consequence.
            return lost(endpoint, describe(local) + " (no frame from the peer within idleTimeout, "
                    + idleTimeoutMillis + " ms)", local);
        }
        if (remote != null && remote.getCondition() != null) {
            return closedByPeer(endpoint, remote);
        }
        return lost(endpoint, cause != null ? ": " + cause.getMessage() : " by the peer", null);
    }

    /** The peer closed with a condition: a refused access is an authentication failure. */
    private static AmqpException closedByPeer(Endpoint endpoint, ErrorCondition error) {
        if (UNAUTHORIZED.equals(error.getCondition())) {
            return MESSAGES.accessRefused(endpoint, describe(error));
        }
        return lost(endpoint, describe(error), error);
    }

    private static boolean hasTlsCause(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static TlsException tlsFailed(Endpoint endpoint, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return MESSAGES.tlsFailed(endpoint, root.getMessage(), cause);
    }

    private static ConnectionLostException lost(Endpoint endpoint, String why, ErrorCondition error) {
        return MESSAGES.connectionLost(endpoint, why, condition(error));
    }

    /** The socket could not be opened. */
    static AmqpException couldNotConnect(Endpoint endpoint, Throwable cause) {
        return MESSAGES.couldNotConnect(endpoint, cause.getMessage(), cause);
    }

    /**
     * The peer accepted the socket but did not set up AMQP in time: it sent no open, or with
     * {@code peerOpened} it sent its open but did not answer our begin.
     */
    static AmqpException noOpen(Endpoint endpoint, long connectTimeoutMillis, boolean peerOpened) {
        return peerOpened ? MESSAGES.noAmqpBegin(endpoint, connectTimeoutMillis, null)
                : MESSAGES.noAmqpOpen(endpoint, connectTimeoutMillis, null);
    }

    /** No attempt opened before the first connection's deadline; {@code last} is the latest failure. */
    static AmqpException startupTimedOut(Endpoint endpoint, long connectTimeoutMillis, AmqpException last) {
        return last == null ? MESSAGES.connectTimedOut(endpoint, connectTimeoutMillis, null)
                : MESSAGES.connectTimedOut(endpoint, connectTimeoutMillis, last.getMessage(), last);
    }

    /** The application closed the connection. */
    static AmqpException closed() {
        return MESSAGES.connectionClosed(null);
    }

    /** The adapter stopped its event loops: nothing more goes out. */
    static AmqpException adapterStopping() {
        return MESSAGES.adapterStopping(null);
    }

    /** The application closed the connection before it opened. */
    static AmqpException closedWhileOpening() {
        return MESSAGES.connectionClosedWhileOpening(null);
    }

    /** The peer refused or ended a sender link. */
    static AmqpException senderEnded(Endpoint endpoint, String address, ErrorCondition error) {
        return MESSAGES.senderLinkRefused(endpoint, address, describe(error), condition(error));
    }

    /** The peer refused or ended a receiver link. */
    static AmqpException receiverEnded(Endpoint endpoint, String address, ErrorCondition error) {
        return MESSAGES.receiverLinkRefused(endpoint, address, describe(error), condition(error));
    }

    /**
     * No outcome within the send timeout.
     *
     * @param state the connection's state when it is not open, else {@code null}
     * @param failure what the connection last failed with, or {@code null}
     */
    static AmqpException sendTimedOut(String address, long sendTimeoutMillis, String state, AmqpException failure) {
        String during = state == null ? "" : " (the connection is " + state
                + (failure == null ? "" : " after: " + failure.getMessage()) + ")";
        return MESSAGES.sendTimedOut(address, sendTimeoutMillis, during);
    }

    /** An operation found the connection not open: {@code failure} says why, else {@code state}. */
    static AmqpException notOpen(Endpoint endpoint, String state, AmqpException failure) {
        return failure != null ? MESSAGES.notOpen(failure.getMessage(), failure)
                : MESSAGES.notOpen(endpoint, state, null);
    }

    /** A sent message's outcome was lost with the connection and resending is off. */
    static AmqpException unknownOutcome(AmqpException failure) {
        return MESSAGES.unknownOutcome(failure);
    }

    /** A received message can no longer be settled: the connection it arrived on is gone. */
    static AmqpException cannotSettle(AmqpException failure) {
        return MESSAGES.cannotSettleAfterLoss(failure);
    }

    /** The peer refused the coordinator link, or ended it with {@code error}. */
    static AmqpException coordinatorEnded(Endpoint endpoint, boolean attached, ErrorCondition error) {
        return attached ? MESSAGES.senderLinkRefused(endpoint, "the transaction coordinator", describe(error),
                condition(error)) : MESSAGES.noCoordinator(endpoint, describe(error), condition(error));
    }

    static String describe(ErrorCondition error) {
        if (error == null || error.getCondition() == null) {
            return "";
        }
        return ": " + error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
    }

    static String condition(ErrorCondition error) {
        return error == null || error.getCondition() == null ? null : error.getCondition().toString();
    }
}
