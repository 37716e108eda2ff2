package io.amqpra.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A handle on a pooled AMQP 1.0 connection. Not meant to be shared between threads that use it
 * at the same time in a transaction-like way, but every method is safe to call from any thread.
 *
 * <p>Links are cached per address inside the pooled connection, so repeated sends to the same
 * address do not attach a new link each time.
 *
 * <p>Delivery guarantee: every message sent is either confirmed by the peer, in which case the
 * returned {@link Outcome} says what the peer did with it, or the caller gets an exception. A
 * message is never dropped silently.
 *
 * <p>Transactions: inside a JTA transaction (a container-managed bean, or {@code UserTransaction})
 * the container enlists the connection, and its sends and settlements take part in an AMQP local
 * transaction that commits or rolls back with the JTA one. Outside a container, or outside JTA,
 * {@link #begin()}, {@link #commit()} and {@link #rollback()} run one directly. Either way the peer
 * publishes a transaction's messages only when it commits.
 */
public interface AmqpConnection extends AutoCloseable {

    /**
     * Sends a message and waits for the peer's outcome.
     *
     * @param address the target address (a queue or topic name on a broker); {@code null} or empty
     *        throws IllegalArgumentException
     * @param message the message; {@code null} throws NullPointerException
     * @return what the peer did with the message: accepted, rejected (with the peer's error),
     *         released or modified
     * @throws SendTimeoutException if no outcome arrived within the factory's {@code sendTimeout};
     *         the peer may or may not have the message
     * @throws AmqpException if the connection failed or the peer refused the link
     */
    Outcome send(String address, Message message) throws AmqpException;

    /**
     * Sends a message without waiting. Many sends may be in flight on one link at once; each
     * stage completes with the peer's outcome, or exceptionally with an {@link AmqpException}
     * ({@link SendTimeoutException} when no outcome arrived within {@code sendTimeout}).
     * Stages complete on an adapter thread: do not block in their callbacks.
     *
     * @param address the target address; {@code null} or empty fails the stage with IllegalArgumentException
     * @param message the message; {@code null} throws NullPointerException
     * @return the peer's outcome, when it arrives
     */
    CompletionStage<Outcome> sendAsync(String address, Message message);

    /**
     * Receives one message from an address, waiting at most {@code timeout}. The message stays
     * unsettled until the caller accepts, rejects, releases or modifies it; one left unsettled
     * when this handle is closed is released back to the peer.
     *
     * @param address the source address; {@code null} or empty throws IllegalArgumentException
     * @param timeout how long to wait at most (milliseconds; negative counts as zero); {@code null}
     *        throws NullPointerException
     * @return the message, or empty if none arrived in time
     * @throws AmqpException if the connection failed or the peer refused the link
     */
    Optional<ReceivedMessage> receive(String address, Duration timeout) throws AmqpException;

    /**
     * Starts an AMQP local transaction on this connection: until {@link #commit()} or
     * {@link #rollback()}, what this connection sends is published, and what it accepts, rejects,
     * releases or modifies takes effect, only if the transaction commits. A peer that offers no
     * transaction coordinator, or refuses to start one, fails this call, and nothing is sent
     * outside the transaction the caller asked for.
     *
     * @throws IllegalStateException if a transaction is already active on this connection,
     *         including a JTA transaction the container enlisted it in
     * @throws AmqpException if the peer refused the transaction or the connection failed
     */
    void begin() throws AmqpException;

    /**
     * Commits the transaction started with {@link #begin()}, and waits for the peer to confirm it.
     *
     * @throws IllegalStateException if no transaction started with {@link #begin()} is active
     * @throws TransactionRolledBackException if the peer refused the commit, or the connection was
     *         lost before it: nothing sent in the transaction was published
     * @throws AmqpException if the connection was lost after the commit was sent and before the
     *         peer confirmed it: the outcome is then unknown
     */
    void commit() throws AmqpException;

    /**
     * Rolls back the transaction started with {@link #begin()}: nothing sent in it is published,
     * and the messages settled in it go back to the peer's queues. A transaction whose connection
     * was lost is already rolled back by the peer, and this returns normally.
     *
     * @throws IllegalStateException if no transaction started with {@link #begin()} is active
     * @throws AmqpException if the peer refused the rollback
     */
    void rollback() throws AmqpException;

    /**
     * Gives the connection back to the pool. Further calls on this handle fail with
     * {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    void close();
}
