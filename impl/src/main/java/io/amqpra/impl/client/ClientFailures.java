package io.amqpra.impl.client;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AmqpSecurityException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.SendTimeoutException;
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
     * @param local the engine's own condition, or {@code null}
     * @param remote the peer's (or the transport's) condition, or {@code null}
     */
    static AmqpException ended(Endpoint endpoint, Throwable cause, String saslFailure, ErrorCondition local,
                               ErrorCondition remote, long idleTimeoutMillis) {
        if (hasTlsCause(cause)) {
            return tlsFailed(endpoint, cause);
        }
        if (saslFailure != null) {
            return new AuthenticationException("AMQPRA0018: Authentication with " + endpoint
                    + " failed: " + saslFailure);
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
            return new AuthenticationException("AMQPRA0018: " + endpoint + " refused access" + describe(error));
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
        return new TlsException("AMQPRA0025: TLS with " + endpoint + " failed: " + root.getMessage(), cause);
    }

    private static ConnectionLostException lost(Endpoint endpoint, String why, ErrorCondition error) {
        return new ConnectionLostException("AMQPRA0019: Connection to " + endpoint + " lost" + why,
                condition(error));
    }

    /** The socket could not be opened. */
    static AmqpException couldNotConnect(Endpoint endpoint, Throwable cause) {
        return new ConnectionLostException("AMQPRA0011: Could not connect to " + endpoint + ": "
                + cause.getMessage(), cause);
    }

    /** The peer accepted the socket but sent no AMQP open in time. */
    static AmqpException noOpen(Endpoint endpoint, long connectTimeoutMillis) {
        return new ConnectionLostException("AMQPRA0022: No AMQP open from " + endpoint + " within "
                + connectTimeoutMillis + " ms (connectTimeout)", (String) null);
    }

    /** No attempt opened before the first connection's deadline; {@code last} is the latest failure. */
    static AmqpException startupTimedOut(Endpoint endpoint, long connectTimeoutMillis, AmqpException last) {
        return new ConnectionLostException("AMQPRA0012: No connection to " + endpoint + " within "
                + connectTimeoutMillis + " ms (connectTimeout)"
                + (last == null ? "" : "; last error: " + last.getMessage()), last);
    }

    /** The application closed the connection. */
    static AmqpException closed() {
        return new ConnectionLostException("AMQPRA0013: The connection was closed", (String) null);
    }

    /** The application closed the connection before it opened. */
    static AmqpException closedWhileOpening() {
        return new ConnectionLostException("AMQPRA0013: The connection was closed while opening", (String) null);
    }

    /** The peer refused or ended a sender link. */
    static AmqpException senderEnded(Endpoint endpoint, String address, ErrorCondition error) {
        return new AmqpException("AMQPRA0016: " + endpoint + " refused or ended the link to '" + address + "'"
                + describe(error), condition(error));
    }

    /** The peer refused or ended a receiver link. */
    static AmqpException receiverEnded(Endpoint endpoint, String address, ErrorCondition error) {
        return new AmqpException("AMQPRA0017: " + endpoint + " refused or ended the link from '" + address + "'"
                + describe(error), condition(error));
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
        return new SendTimeoutException("AMQPRA0020: No outcome for a message to '" + address + "' within "
                + sendTimeoutMillis + " ms (sendTimeout); the peer may or may not have it" + during);
    }

    /** An operation found the connection not open: {@code failure} says why, else {@code state}. */
    static AmqpException notOpen(Endpoint endpoint, String state, AmqpException failure) {
        return failure != null
                ? new ConnectionLostException("AMQPRA0021: " + failure.getMessage(), failure)
                : new ConnectionLostException("AMQPRA0021: The connection to " + endpoint + " is " + state,
                        (String) null);
    }

    /** A sent message's outcome was lost with the connection and resending is off. */
    static AmqpException unknownOutcome(AmqpException failure) {
        return new ConnectionLostException("AMQPRA0024: The connection was lost before the peer's outcome"
                + " arrived; the peer may or may not have the message (resendOnReconnect is off)", failure);
    }

    /** A received message can no longer be settled: the connection it arrived on is gone. */
    static AmqpException cannotSettle(AmqpException failure) {
        return new ConnectionLostException("AMQPRA0023: The connection this message arrived on was lost,"
                + " so it cannot be settled; the peer will deliver it again", failure);
    }

    private static String describe(ErrorCondition error) {
        if (error == null || error.getCondition() == null) {
            return "";
        }
        return ": " + error.getCondition() + (error.getDescription() == null ? "" : " " + error.getDescription());
    }

    private static String condition(ErrorCondition error) {
        return error == null || error.getCondition() == null ? null : error.getCondition().toString();
    }
}
