package io.amqpra.impl.log;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * The adapter's log lines, each with its {@code AMQPRA####} id; the id ranges are those of
 * {@link AmqpMessages}. Debug lines carry no id and stay where they are logged, through the
 * {@link BasicLogger} methods this interface inherits.
 *
 * <p>Every class logs under its own category, as before: take the logger with
 * {@link #of(Class)}. Passwords are never an argument of any of these messages.
 */
@MessageLogger(projectCode = "AMQPRA", length = 4)
public interface AmqpLogger extends BasicLogger {

    /** The logger of {@code owner}'s category (its class name). */
    static AmqpLogger of(Class<?> owner) {
        return Logger.getMessageLogger(MethodHandles.lookup(), AmqpLogger.class, owner.getName());
    }

    // ---------------------------------------------------------------- 0001-0009: TLS, transport, completions

    
    @LogMessage(level = WARN)
    @Message(id = 4, value = "verifyHost is off for %s: the peer's certificate is not checked against its host name, so anyone with a trusted certificate can pose as it")
    void verifyHostOff(Object endpoint);

    
    @LogMessage(level = WARN)
    @Message(id = 5, value = "No container thread for completions, using a fallback thread")
    void noCompletionThread(@Cause RuntimeException cause);

    /**
     * which still logs it as AMQPRA0004; it moved
     * to AMQPRA0006 because AMQPRA0004 is the verifyHost warning, which the README documents.
     */
    @LogMessage(level = WARN)
    @Message(id = 6, value = "A completion callback failed")
    void completionCallbackFailed(@Cause RuntimeException cause);

    /** Was AMQPRA0003, which {@code TlsSettings} also used (and keeps). */
    @LogMessage(level = WARN)
    @Message(id = 7, value = "Failure handling %s")
    void eventHandlingFailed(@Cause RuntimeException cause, Object eventType);

    // ---------------------------------------------------------------- 0030-0039: managed connection

    @LogMessage(level = INFO)
    @Message(id = 38, value = "Pooled connection %s to %s lost: %s")
    void pooledConnectionLost(String containerId, Object endpoint, String reason);

    // ---------------------------------------------------------------- 0050-0059: resource adapter

    @LogMessage(level = INFO)
    @Message(id = 52, value = "AMQP 1.0 resource adapter started with %d event-loop threads (%s)")
    void adapterStarted(int threads, String transport);

    @LogMessage(level = INFO)
    @Message(id = 53, value = "AMQP 1.0 resource adapter stopped")
    void adapterStopped();

    @LogMessage(level = WARN)
    @Message(id = 55, value = "The container refused work (%s); the adapter offers it again until a thread is free")
    void workRefusedRetrying(String reason);

    // ---------------------------------------------------------------- 0060-0079: inbound

    @LogMessage(level = WARN)
    @Message(id = 62, value = "The container refused work for %s; the message was released: %s")
    void workRefusedMessageReleased(String endpoint, String reason);

    @LogMessage(level = WARN)
    @Message(id = 63, value = "Delivering to %s failed; the message was released")
    void deliveryFailed(@Cause Throwable cause, String endpoint);

    @LogMessage(level = WARN)
    @Message(id = 64, value = "The container could not prepare delivery to %s")
    void deliveryNotPrepared(@Cause Exception cause, String endpoint);

    /** A listener without TLS. */
    @LogMessage(level = INFO)
    @Message(id = 71, value = "Listening for AMQP connections on %s (plain TCP, SASL %s)")
    void listening(String where, List<String> saslMechanisms);

    /** A listener with TLS. */
    @LogMessage(level = INFO)
    @Message(id = 71, value = "Listening for AMQP connections on %s (TLS, client certificates %s, SASL %s)")
    void listening(String where, Object clientAuth, List<String> saslMechanisms);

    @LogMessage(level = WARN)
    @Message(id = 72, value = "Refused a connection from %s: %s already has %d connections (maxConnections)")
    void connectionRefusedAtMax(Object remoteAddress, String where, int maxConnections);

    @LogMessage(level = INFO)
    @Message(id = 73, value = "Stopped listening on %s")
    void stoppedListening(String where);

    // ---------------------------------------------------------------- 0080-0089: client connection

    /** {@code then} is empty or "; reconnecting". */
    @LogMessage(level = INFO)
    @Message(id = 80, value = "Connection %s to %s lost: %s%s")
    void connectionLost(String containerId, Object endpoint, String reason, String then);

    /**
     * Logged at WARN every tenth attempt
     * and at INFO otherwise, so the text is returned for the caller to log at its level.
     */
    @Message(id = 81, value = "Connection attempt %d to %s failed: %s; next attempt in %d ms to %s")
    String connectionAttemptFailed(int attempt, Object endpoint, String reason, long delayMillis, Object next);

    /** back on the same endpoint. */
    @LogMessage(level = INFO)
    @Message(id = 82, value = "Reconnected %s to %s")
    void reconnected(String containerId, Object endpoint);

    /** on another endpoint than before. */
    @LogMessage(level = INFO)
    @Message(id = 82, value = "Reconnected %s to %s (failed over from %s)")
    void reconnected(String containerId, Object endpoint, Object previous);

    
    @LogMessage(level = WARN)
    @Message(id = 83, value = "The connectionDetailsProvider failed; using the configured endpoints")
    void connectionDetailsProviderFailed(@Cause RuntimeException cause);

    
    @LogMessage(level = ERROR)
    @Message(id = 84, value = "Gave up reconnecting %s to %s after %d attempts: %s")
    void gaveUpReconnecting(String containerId, Object endpoint, int attempts, String reason);

    
    @LogMessage(level = WARN)
    @Message(id = 85, value = "Ignored a redirect without network-host and port: %s")
    void redirectIgnored(Map<String, Object> info);

    @LogMessage(level = WARN)
    @Message(id = 86, value = "Connection %s: the broker refused or ended the consumer of '%s' (%s); attaching again in %d ms")
    void consumerLinkEnded(String containerId, String address, String why, long delayMillis);

    // ---------------------------------------------------------------- 0090-0099: events, inbound security

    @LogMessage(level = WARN)
    @Message(id = 90, value = "An observer of adapter events failed; further failures of this application's observers are logged at debug level")
    void observerFailed(@Cause Throwable cause);

    /** A refusal before a user name was known. Never pass the password, not even in {@code why}. */
    @LogMessage(level = INFO)
    @Message(id = 91, value = "Refused an AMQP login from %s: %s")
    void loginRefused(String remoteAddress, String why);

    /** A refusal of a named user. Never pass the password, not even in {@code why}. */
    @LogMessage(level = INFO)
    @Message(id = 91, value = "Refused an AMQP login as '%s' from %s: %s")
    void loginRefused(String user, String remoteAddress, String why);

    @LogMessage(level = WARN)
    @Message(id = 92, value = "The authenticator failed for user '%s' from %s")
    void authenticatorFailed(@Cause RuntimeException cause, String user, String remoteAddress);

    @LogMessage(level = WARN)
    @Message(id = 93, value = "Security domain %s could not check user '%s': %s")
    void securityDomainCheckFailed(String domain, String user, String reason);

    // ---------------------------------------------------------------- 0100-0109: consuming activations

    @LogMessage(level = WARN)
    @Message(id = 100, value = "Message %s from '%s' reached delivery count %d (maxRedeliveries %d): not given to %s again; it is %s")
    void poisonMessage(Object messageId, String address, long deliveryCount, int maxRedeliveries, String bean,
                       String outcome);

    @LogMessage(level = ERROR)
    @Message(id = 101, value = "%s stopped consuming from '%s': %s")
    void consumerStopped(String bean, String address, String reason);

    @LogMessage(level = WARN)
    @Message(id = 102, value = "%s cannot consume from '%s' yet: %s; trying again in %d ms")
    void consumerNotConnected(String bean, String address, String reason, long delayMillis);

    @LogMessage(level = INFO)
    @Message(id = 103, value = "%s consumes from '%s' on %s")
    void consumerStarted(String bean, String address, Object endpoint);

    @LogMessage(level = WARN)
    @Message(id = 104, value = "%s: %d deliveries still running after drainTimeout (%d ms); their messages are released and will be delivered again")
    void consumerDrainTimedOut(String bean, int running, long drainTimeoutMillis);

    // ---------------------------------------------------------------- 0110-0129: transactions

    @LogMessage(level = WARN)
    @Message(id = 123, value = "%s: the AMQP transaction of a delivery from '%s' did not commit (%s); the broker delivers the message again")
    void transactionNotCommitted(String bean, String address, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 124, value = "%s cannot start an AMQP transaction for a message from '%s' (transacted=true): %s; the message is released")
    void transactionNotStarted(String bean, String address, String reason);

    // ---------------------------------------------------------------- 0170-0179: listener limits

    @LogMessage(level = WARN)
    @Message(id = 170, value = "Dropped a connection from %s: %s already has %d connections in their handshake (maxUnauthenticatedConnections)")
    void handshakesAtMax(Object remoteAddress, String where, int maxUnauthenticated);

    /** {@code DetachedWork}: the container would not hear of it, and would keep it. */
    @LogMessage(level = ERROR)
    @Message(id = 172, value = "A task of the adapter failed on a container thread")
    void workFailed(@Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 171, value = "The listener on %s holds %d bytes of messages, its maxBufferedBytes of %d: peers wait, with no credit and unread, until beans catch up")
    void bufferedBytesSpent(String where, long held, long maxBufferedBytes);

    // ---------------------------------------------------------------- 0180-0189: threads of a factory, bean errors

    @LogMessage(level = WARN)
    @Message(id = 180, value = "Connection factory %s is used without a started resource adapter (the server never associated it): its connections run on event-loop threads of its own, which end with its last connection")
    void noResourceAdapter(String factory);

    /** A bean threw; its peer was told only the reference, which this line ties to what it threw. */
    @LogMessage(level = WARN)
    @Message(id = 181, value = "%s threw on a message; its peer got a rejection with reference %s")
    void beanThrew(@Cause Throwable cause, String endpoint, String reference);

    // ---------------------------------------------------------------- 0190-0199: a consuming bean's connection factory

    /** {@code own}: the connection properties the bean sets itself, which win over the factory's. */
    @LogMessage(level = INFO)
    @Message(id = 191, value = "%s consumes from '%s' with the connection settings of the connection factory %s, overridden by those it sets itself: %s")
    void connectionFactorySettings(String bean, String address, String factory, List<String> own);

    // ---------------------------------------------------------------- 0200-0209: redeploying and operations

    /** The container's work manager would not let go of the stopped adapter. */
    @LogMessage(level = DEBUG)
    @Message(id = 200, value = "The work manager %s still refers to the stopped resource adapter, which may keep one copy of it loaded for as long as a server thread that ran its work lives")
    void workManagerKeepsAdapter(String workManager, @Cause Throwable cause);

    /** An event loop has been blocked longer than the threshold: its connections stall. */
    @LogMessage(level = WARN)
    @Message(id = 201, value = "Event loop thread %s has not turned for %d ms (stuckLoopThreshold is %d ms): every connection on it is stalled until it does. Its stack:%s")
    void loopStuck(String thread, long millis, long thresholdMillis, String stack);

    /** A stuck event loop turns again. */
    @LogMessage(level = INFO)
    @Message(id = 202, value = "Event loop thread %s turns again")
    void loopTurnsAgain(String thread);
}
