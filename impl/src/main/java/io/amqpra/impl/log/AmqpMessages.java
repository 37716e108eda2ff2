package io.amqpra.impl.log;

import io.amqpra.api.AmqpException;
import io.amqpra.api.AuthenticationException;
import io.amqpra.api.ConnectionLostException;
import io.amqpra.api.SendTimeoutException;
import io.amqpra.api.TlsException;
import io.amqpra.api.TransactionRolledBackException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.SecurityException;
import jakarta.resource.spi.work.WorkException;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.apache.qpid.proton.codec.DecodeException;
import org.jboss.logging.Messages;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;
import org.jboss.logging.annotations.Param;

/**
 * The texts of the adapter's exceptions, each with its {@code AMQPRA####} id. Log lines are in
 * {@link AmqpLogger}; both share one id space, and the ranges below hold for both:
 *
 * <ul>
 *   <li>0001–0009: configuration, TLS, transport and completion threads</li>
 *   <li>0010–0029: the client connection and its links</li>
 *   <li>0030–0039: outbound: connection factory and managed connection</li>
 *   <li>0040–0049: outbound: connection handle and received messages</li>
 *   <li>0050–0059: the resource adapter</li>
 *   <li>0060–0079: inbound: activations, listeners, peer connections, endpoints</li>
 *   <li>0080–0089: the client connection's log lines (loss, reconnect, redirect)</li>
 *   <li>0090–0099: adapter events and inbound security</li>
 *   <li>0100–0109: consuming activations</li>
 *   <li>0110–0129: transactions</li>
 *   <li>0130–0139: decoding messages and reading deliveries</li>
 *   <li>0140–0149: a peer's protocol violations, as told to the peer in the close ({@link PeerMessages})</li>
 *   <li>0150–0159: outbound flow control: sends in flight and sender links</li>
 *   <li>0160–0169: reconnect and failover: when a connection counts as open</li>
 *   <li>0170–0179: the listener's limits: handshakes, memory</li>
 *   <li>0180–0189: a factory's own threads, and what a peer is told when a bean threw ({@link PeerMessages})</li>
 *   <li>0190–0199: a consuming bean that takes a connection factory's settings</li>
 *   <li>0190–0199: consuming beans that name a connection factory</li>
 * </ul>
 *
 * <p>An id, once used, is never given to another message: a new message takes a number never
 * used before (AMQPRA0014 and AMQPRA0015 were used by earlier versions and stay retired).
 *
 * <p>Texts render exactly as the inline strings they replaced did ({@code String.format} with
 * {@code Locale.ROOT}). Some ids name one message with two wordings; where the two wordings
 * differ in their number of arguments they are overloads of one method, which the processor
 * lets share the id. Where they do not, the second wording has {@code id = NONE} and spells its
 * code out in its text (AMQPRA0013, AMQPRA0018, AMQPRA0049; see {@code MessageIdsTest}).
 */
@MessageBundle(projectCode = "AMQPRA", length = 4)
public interface AmqpMessages {

    AmqpMessages MESSAGES = Messages.getBundle(MethodHandles.lookup(), AmqpMessages.class);

    // ---------------------------------------------------------------- 0001-0009: configuration, TLS

    /** For {@code InvalidSettingException}'s constructor. */
    @Message(id = 1, value = "Invalid value '%s' for config property '%s': %s")
    String invalidConfigProperty(Object value, String property, String expected);

    @Message(id = 2, value = "Invalid value '%s' for config property 'connectionDetailsProvider': %s")
    InvalidPropertyException invalidConnectionDetailsProvider(String className, String why);

    /**
     * AMQPRA0003 stays with this message; the
     * log line of {@code ProtonPump} that also used it is now AMQPRA0007.
     */
    @Message(id = 3, value = "Invalid value '%s' for config property '%s': %s")
    String invalidTlsProperty(Object value, String property, String why);

    // ---------------------------------------------------------------- 0010-0029: client connection, links

    
    @Message(id = 10, value = "The peer settled the message to '%s' without an outcome; it may or may not have taken it")
    AmqpException settledWithoutOutcome(String address);

    /** {@code client/ClientFailures}; {@code reason} is the cause's message. */
    @Message(id = 11, value = "Could not connect to %s: %s")
    ConnectionLostException couldNotConnect(Object endpoint, String reason, @Cause Throwable cause);

    /** {@code client/ClientFailures}; without an earlier failure ({@code last} is null). */
    @Message(id = 12, value = "No connection to %s within %d ms (connectTimeout)")
    ConnectionLostException connectTimedOut(Object endpoint, long millis, @Cause AmqpException last);

    /** {@code client/ClientFailures}; {@code lastError} is {@code last}'s message. */
    @Message(id = 12, value = "No connection to %s within %d ms (connectTimeout); last error: %s")
    ConnectionLostException connectTimedOut(Object endpoint, long millis, String lastError,
                                            @Cause AmqpException last);

    /** {@code client/ClientFailures}. */
    @Message(id = 13, value = "The connection was closed")
    ConnectionLostException connectionClosed(@Param String errorCondition);

    /** {@code client/ClientFailures}: a send after the adapter's event loops stopped. */
    @Message(id = 204, value = "The resource adapter is stopping: the message was not sent")
    ConnectionLostException adapterStopping(@Param String errorCondition);

    /** {@code client/ClientFailures}. The second wording of AMQPRA0013. */
    @Message(id = Message.NONE, value = "AMQPRA0013: The connection was closed while opening")
    ConnectionLostException connectionClosedWhileOpening(@Param String errorCondition);

    /** {@code client/ClientFailures}; {@code detail} is ": condition description" or empty. */
    @Message(id = 16, value = "%s refused or ended the link to '%s'%s")
    AmqpException senderLinkRefused(Object endpoint, String address, String detail, @Param String errorCondition);

    /** {@code client/ClientFailures}; as {@link #senderLinkRefused}. */
    @Message(id = 17, value = "%s refused or ended the link from '%s'%s")
    AmqpException receiverLinkRefused(Object endpoint, String address, String detail, @Param String errorCondition);

    /** {@code client/ClientFailures}; {@code failure} is the SASL outcome. */
    @Message(id = 18, value = "Authentication with %s failed: %s")
    AuthenticationException authenticationFailed(Object endpoint, String failure);

    /**
     * {@code client/ClientFailures}. The second wording of AMQPRA0018;
     * {@code detail} is ": condition description".
     */
    @Message(id = Message.NONE, value = "AMQPRA0018: %s refused access%s")
    AuthenticationException accessRefused(Object endpoint, String detail);

    /** {@code client/ClientFailures}; {@code why} starts with ": " or " ". */
    @Message(id = 19, value = "Connection to %s lost%s")
    ConnectionLostException connectionLost(Object endpoint, String why, @Param String errorCondition);

    /**
     * {@code client/ClientFailures}; {@code during} is empty or
     * " (the connection is ...)".
     */
    @Message(id = 20, value = "No outcome for a message to '%s' within %d ms (sendTimeout); the peer may or may not have it%s")
    SendTimeoutException sendTimedOut(String address, long millis, String during);

    /** {@code client/ClientFailures}; after a failure: its message. */
    @Message(id = 21, value = "%s")
    ConnectionLostException notOpen(String failure, @Cause AmqpException cause);

    /** {@code client/ClientFailures}; without a failure: the state. */
    @Message(id = 21, value = "The connection to %s is %s")
    ConnectionLostException notOpen(Object endpoint, String state, @Param String errorCondition);

    /** {@code client/ClientFailures}. */
    @Message(id = 22, value = "No AMQP open from %s within %d ms (connectTimeout)")
    ConnectionLostException noAmqpOpen(Object endpoint, long millis, @Param String errorCondition);

    /** {@code client/ClientFailures}: the peer opened but did not answer our begin. */
    @Message(id = 160, value = "No answer from %s to our session's begin within %d ms (connectTimeout), though it sent its open")
    ConnectionLostException noAmqpBegin(Object endpoint, long millis, @Param String errorCondition);

    /** {@code client/ClientFailures}. */
    @Message(id = 23, value = "The connection this message arrived on was lost, so it cannot be settled; the peer will deliver it again")
    ConnectionLostException cannotSettleAfterLoss(@Cause AmqpException failure);

    /** {@code client/ClientFailures}. */
    @Message(id = 24, value = "The connection was lost before the peer's outcome arrived; the peer may or may not have the message (resendOnReconnect is off)")
    ConnectionLostException unknownOutcome(@Cause AmqpException failure);

    /** {@code client/ClientFailures}; {@code reason} is the root cause's message. */
    @Message(id = 25, value = "TLS with %s failed: %s")
    TlsException tlsFailed(Object endpoint, String reason, @Cause Throwable cause);

    // ---------------------------------------------------------------- 0030-0039: factory, managed connection

    @Message(id = 30, value = "No connection available: %s")
    AmqpException noConnectionAvailable(String reason, @Cause ResourceException cause);

    
    @Message(id = 31, value = "Not an AMQP resource adapter: %s")
    ResourceException notAnAmqpResourceAdapter(Object resourceAdapter);

    /** {@code failure} renders as {@code toString()}, then becomes the cause too. */
    @Message(id = 32, value = "Could not open a connection to %s: %s")
    AmqpException couldNotOpen(Object endpoint, Throwable failure, @Cause Throwable cause);

    @Message(id = 33, value = "No connection to %s within %d ms (connectTimeout)")
    AmqpException noConnectionWithin(Object endpoint, long millis);

    @Message(id = 34, value = "Interrupted while connecting to %s")
    AmqpException interruptedWhileConnecting(Object endpoint);

    /**
     * For a {@code jakarta.resource.spi.IllegalStateException}: returning that type would make
     * the generated class import it over {@code java.lang.IllegalStateException}, which other
     * messages here return.
     */
    @Message(id = 35, value = "Managed connection destroyed")
    String managedConnectionDestroyed();

    /** {@code credentials} renders without its password. */
    @Message(id = 36, value = "Re-authentication is not supported; this connection signed on as %s")
    SecurityException reauthenticationNotSupported(Object credentials);

    @Message(id = 37, value = "Not a handle of this adapter: %s")
    ResourceException notAHandle(Object connection);

    @Message(id = 39, value = "XA is not supported: AMQP 1.0 defines none. The adapter offers local transactions, which JTA enlists as its last resource")
    NotSupportedException transactionsNotSupported();

    // ---------------------------------------------------------------- 0040-0049: handle, received messages

    @Message(id = 40, value = "No outcome for a message to '%s' within %d ms (sendTimeout)")
    SendTimeoutException noOutcomeWithin(String address, long millis);

    @Message(id = 41, value = "Interrupted while waiting for the outcome of a message to '%s'; the peer may or may not have it")
    AmqpException interruptedAwaitingOutcome(String address);

    /** {@code failure} renders as {@code toString()}; it is not the cause. */
    @Message(id = 42, value = "Receive from '%s' did not finish: %s")
    AmqpException receiveUnfinished(String address, Exception failure);

    /** The pool took the connection away: {@code reason} is {@code lostBy}'s message. */
    @Message(id = 43, value = "The connection of this handle was lost (%s); get a new one from the connection factory")
    ConnectionLostException handleUnusable(String reason, @Cause AmqpException lostBy);

    /** The application closed the handle. */
    @Message(id = 43, value = "This connection handle is closed; get a new one from the connection factory")
    IllegalStateException handleUnusable();

    @Message(id = 44, value = "Cannot encode %s: %s")
    AmqpException cannotEncode(Object message, String reason, @Cause IllegalArgumentException cause);

    /** {@code failure} renders as {@code toString()}, then becomes the cause too. */
    @Message(id = 45, value = "%s")
    AmqpException unexpected(Throwable failure, @Cause Throwable cause);

    @Message(id = 46, value = "A message from '%s' could not be decoded and was rejected: %s")
    AmqpException undecodableRejected(String address, String reason, @Param String errorCondition);

    @Message(id = 47, value = "This message is already settled")
    IllegalStateException alreadySettled();

    @Message(id = 48, value = "The connection handle that received this message is closed, and the message was released back to the peer")
    IllegalStateException receivingHandleClosed();

    @Message(id = 49, value = "Settling a message from '%s' timed out")
    AmqpException settleTimedOut(String address);

    /** The second wording of AMQPRA0049. */
    @Message(id = Message.NONE, value = "AMQPRA0049: Interrupted while settling a message from '%s'")
    AmqpException settleInterrupted(String address);

    // ---------------------------------------------------------------- 0050-0059: resource adapter

    @Message(id = 50, value = "The container refused work for %s")
    RejectedExecutionException workRefused(String name, @Cause WorkException cause);

    @Message(id = 51, value = "Invalid value '%s' for config property 'eventLoopThreads': at least 1")
    ResourceAdapterInternalException invalidEventLoopThreads(Integer value);

    @Message(id = 54, value = "The resource adapter is not started")
    ResourceException adapterNotStarted();

    // ---------------------------------------------------------------- 0060-0079: inbound

    
    @Message(id = 60, value = "Invalid value '%s' for activation config property '%s': %s")
    String invalidActivationProperty(Object value, String property, String expected);

    @Message(id = 65, value = "The message has no reply-to address to answer")
    AmqpException noReplyTo();

    @Message(id = 66, value = "Cannot encode the reply: %s")
    AmqpException cannotEncodeReply(String reason, @Cause IllegalArgumentException cause);

    @Message(id = 67, value = "The peer has no link receiving from '%s' on this connection")
    AmqpException noReplyLink(String address);

    @Message(id = 68, value = "The peer detached the link replies were to go to")
    AmqpException replyLinkDetached();

    @Message(id = 69, value = "The peer connection from %s is closed")
    ConnectionLostException peerConnectionClosed(String remoteAddress, @Param String errorCondition);

    @Message(id = 70, value = "No outcome for a reply to '%s' within %d ms")
    SendTimeoutException replyTimedOut(String address, long millis);

    @Message(id = 74, value = "Not an AMQP activation spec: %s")
    NotSupportedException notAnActivationSpec(Object spec);

    /** {@code other} describes the activation that already serves the addresses. */
    @Message(id = 75, value = "Invalid value '%s' for activation config property 'address': %s already serves it on port %d")
    ResourceException addressAlreadyServed(Object addresses, String other, int port);

    @Message(id = 76, value = "Invalid value '%s:%d' for activation config properties 'host' and 'port': cannot listen there (%s: %s)")
    ResourceException cannotListen(String host, int port, String failureType, String reason, @Cause Exception cause);

    /** {@code failure} renders as {@code toString()}; it is not the cause. */
    @Message(id = 77, value = "Invalid value '%s' for activation config property 'authenticator': cannot create an io.amqpra.api.AmqpAuthenticator from it (%s)")
    InvalidPropertyException invalidAuthenticator(String className, Throwable failure);

    /** {@code names} lists the activation config properties that differ. */
    @Message(id = 79, value = "Invalid values for activation config properties %s: the listener on %s:%d that this bean would share has others; give the bean the same values, or another port")
    ResourceException listenerSettingsDiffer(Object names, String host, int port);

    @Message(id = 78, value = "Invalid value '%s' for activation config property 'securityDomain': %s")
    InvalidPropertyException invalidSecurityDomain(String name, String why);
    // ---------------------------------------------------------------- 0110-0129: transactions

    /** {@code detail} is ": condition description" or empty. */
    @Message(id = 110, value = "%s offers no transaction coordinator%s; nothing was sent. To send without transactions to such a peer, set the connection factory's transactions=none")
    AmqpException noCoordinator(Object endpoint, String detail, @Param String errorCondition);

    @Message(id = 111, value = "%s refused to start a transaction%s; nothing was sent")
    AmqpException declareRefused(Object endpoint, String detail, @Param String errorCondition);

    @Message(id = 112, value = "%s rolled the transaction back instead of committing it%s: nothing sent in it was published")
    TransactionRolledBackException commitRefused(Object endpoint, String detail, @Param String errorCondition);

    /** {@code why} is the loss's message. */
    @Message(id = 113, value = "The connection to %s was lost before the transaction committed (%s); the peer discards the transaction: nothing sent in it was published")
    TransactionRolledBackException lostBeforeCommit(Object endpoint, String why, @Cause AmqpException cause);

    @Message(id = 114, value = "The connection to %s was lost after the commit was sent and before the peer confirmed it (%s): the transaction may or may not have committed")
    AmqpException commitOutcomeUnknown(Object endpoint, String why, @Cause AmqpException cause);

    @Message(id = 115, value = "%s refused to roll the transaction back%s")
    AmqpException rollbackRefused(Object endpoint, String detail, @Param String errorCondition);

    @Message(id = 116, value = "Cannot start a transaction: %s")
    AmqpException cannotBegin(String why, @Cause AmqpException cause);

    /** A transactional send or settlement after its transaction's connection was lost. */
    @Message(id = 117, value = "The transaction ended with its connection to %s (%s): the peer discards it, and nothing more can be done in it")
    TransactionRolledBackException transactionLost(Object endpoint, String why, @Cause AmqpException cause);

    @Message(id = 118, value = "A transaction is already active on this connection")
    IllegalStateException transactionAlreadyActive();

    @Message(id = 119, value = "No transaction started with begin() is active on this connection")
    IllegalStateException noTransactionActive();

    @Message(id = 120, value = "This connection is enlisted in a JTA transaction: commit or roll back that transaction instead")
    IllegalStateException enlistedInJta();

    @Message(id = 121, value = "No answer from the transaction coordinator of %s within %d ms (sendTimeout); a commit's outcome is unknown")
    AmqpException coordinatorTimedOut(Object endpoint, long millis);

    @Message(id = 122, value = "Interrupted while waiting for the transaction coordinator; the transaction may still complete")
    AmqpException coordinatorInterrupted();

    @Message(id = 127, value = "The JTA transaction this connection was enlisted in was rolled back (by its timeout, say): nothing is sent through it outside that transaction; close it and get another")
    TransactionRolledBackException enlistedTransactionRolledBack(@Param String errorCondition);

    @Message(id = 125, value = "The transaction is being committed or rolled back: nothing more can be sent in it")
    AmqpException transactionEnding();

    /** {@code why}: a send in it that failed or was not accepted. */
    @Message(id = 126, value = "The transaction was rolled back at %s instead of committed, because %s: nothing sent in it was published")
    TransactionRolledBackException commitSpoiled(Object endpoint, String why, @Param String errorCondition);

    // ---------------------------------------------------------------- 0130-0139: decoding messages

    /** {@code message/SectionReader}: AMQP allows several data or amqp-sequence sections; a Message holds one. */
    @Message(id = 130, value = "The message has %d body sections; only a message with one data, amqp-sequence or amqp-value section can be taken")
    DecodeException severalBodySections(int count);

    @Message(id = 131, value = "The message has a %s section after its %s section, out of the order AMQP 1.0 defines")
    DecodeException sectionOutOfOrder(String section, String after);

    /** {@code what} names the value, such as "a String". */
    @Message(id = 132, value = "The message holds %s where a section belongs")
    DecodeException notASection(String what);

    // ---------------------------------------------------------------- 0150-0159: outbound flow control

    /** {@code client/SendWindow}: the bound was reached and no send ended before the deadline. */
    @Message(id = 150, value = "No room to send a message to '%s' within %d ms (sendTimeout): %d sends were in flight on the connection, the most maxSendsInFlight allows; the peer takes messages slower than they are sent (raise maxSendsInFlight, or send slower)")
    SendTimeoutException noRoomToSend(String address, long millis, int maxInFlight);

    /** {@code client/SendWindow}: an event-loop thread never waits. */
    @Message(id = 151, value = "No room to send a message to '%s': %d sends are in flight on the connection (maxSendsInFlight), and an event-loop thread must not wait for room; send from an application thread, or raise maxSendsInFlight")
    AmqpException noRoomOnEventLoop(String address, int maxInFlight);

    @Message(id = 152, value = "Interrupted while waiting for room to send a message to '%s' (maxSendsInFlight sends were in flight); it was not sent")
    AmqpException interruptedAwaitingRoom(String address);

    // ---------------------------------------------------------------- 0180-0189: threads of a factory

    @Message(id = 183, value = "Connection factory %s is closed")
    IllegalStateException connectionFactoryClosed(String factory);

    // ---------------------------------------------------------------- 0190-0199: a consuming bean's connection factory

    /** {@code names}: the JNDI names of the adapter's connection factories. */
    @Message(id = 190, value = "Invalid value '%s' for activation config property 'connectionFactoryLookup': no connection factory of this resource adapter is bound under that name; the names bound are %s. Name one of them, or set the connection properties (host, port, ...) on the bean instead")
    InvalidPropertyException unknownConnectionFactory(String name, List<String> names);

    // ---------------------------------------------------------------- 0200-0209: operations

    @Message(id = 203, value = "Invalid value '%s' for config property 'stuckLoopThreshold': 0 (no watchdog), or milliseconds from 100")
    ResourceAdapterInternalException invalidStuckLoopThreshold(Long value);
}
