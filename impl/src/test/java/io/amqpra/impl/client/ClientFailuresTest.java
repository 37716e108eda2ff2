package io.amqpra.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.TlsException;
import io.amqpra.impl.config.Endpoint;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.junit.jupiter.api.Test;

/** How the end of an attempt is classified, and which classes are fatal. */
class ClientFailuresTest {

    private static final Endpoint PEER = new Endpoint("peer", 5671);

    /** The message without the ", error code: ..." that {@code ResourceException} appends. */
    private static void assertMessage(String expected, AmqpException e) {
        assertEquals(expected, e.getMessage().replaceFirst(", error code: [^,]*$", ""));
    }

    private static ErrorCondition condition(String name, String description) {
        return new ErrorCondition(Symbol.valueOf(name), description);
    }

    @Test
    void aTlsFailureAnywhereInTheCauseChainIsATlsExceptionAndFatal() {
        SSLHandshakeException ssl = new SSLHandshakeException("PKIX path building failed");
        IOException wrapped = new IOException("decoder", ssl);
        AmqpException e = ClientFailures.ended(PEER, wrapped, "ignored", null, null, null, 1_000);
        assertInstanceOf(TlsException.class, e);
        assertMessage("AMQPRA0025: TLS with peer:5671 failed: PKIX path building failed", e);
        assertSame(wrapped, e.getCause());
        assertTrue(ClientFailures.isFatal(e));
    }

    @Test
    void aRefusedSaslExchangeIsAnAuthenticationFailure() {
        AmqpException e = ClientFailures.ended(PEER, new IOException("reset"), "the peer refused user 'alice'", null,
                null, null, 1_000);
        assertInstanceOf(AuthenticationException.class, e);
        assertMessage("AMQPRA0018: Authentication with peer:5671 failed: the peer refused user 'alice'", e);
        assertTrue(ClientFailures.isFatal(e));
    }

    @Test
    void theEnginesOwnConditionIsTheIdleTimeout() {
        AmqpException e = ClientFailures.ended(PEER, new IOException("aborted"), null, null,
                condition("amqp:resource-limit-exceeded", "local-idle-timeout expired"), null, 1_000);
        assertInstanceOf(ConnectionLostException.class, e);
        assertMessage("AMQPRA0019: Connection to peer:5671 lost: amqp:resource-limit-exceeded local-idle-timeout"
                + " expired (no frame from the peer within idleTimeout, 1000 ms)", e);
        assertEquals("amqp:resource-limit-exceeded", e.errorCondition());
        assertFalse(ClientFailures.isFatal(e));
    }

    @Test
    void thePeersConditionIsCarriedAndARefusedAccessIsAnAuthenticationFailure() {
        AmqpException closed = ClientFailures.ended(PEER, null, null, null, null,
                condition("amqp:internal-error", "broker on fire"), 1_000);
        assertInstanceOf(ConnectionLostException.class, closed);
        assertEquals("amqp:internal-error", closed.errorCondition());
        assertMessage("AMQPRA0019: Connection to peer:5671 lost: amqp:internal-error broker on fire", closed);
        assertFalse(ClientFailures.isFatal(closed));

        AmqpException refused = ClientFailures.ended(PEER, null, null, null, null,
                condition("amqp:unauthorized-access", null), 1_000);
        assertInstanceOf(AuthenticationException.class, refused);
        assertMessage("AMQPRA0018: peer:5671 refused access: amqp:unauthorized-access", refused);
    }

    @Test
    void otherwiseTheTransportSaysWhyOrThePeerEndedIt() {
        AmqpException reset = ClientFailures.ended(PEER, new IOException("Connection reset"), null, null, null,
                new ErrorCondition(), 1_000);
        assertMessage("AMQPRA0019: Connection to peer:5671 lost: Connection reset", reset);
        assertNull(reset.errorCondition());
        AmqpException orderly = ClientFailures.ended(PEER, null, null, null, null, null, 1_000);
        assertMessage("AMQPRA0019: Connection to peer:5671 lost by the peer", orderly);
        assertFalse(ClientFailures.isFatal(orderly));
    }
}
