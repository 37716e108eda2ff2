package io.amqpra.api;

/**
 * A transaction did not commit: nothing sent in it was published, and nothing received in it
 * was consumed. The peer refused the commit (its error condition, for example
 * {@code amqp:transaction:rollback}, is in {@link #errorCondition()}), or the connection was lost
 * before the commit reached the peer, which then discards the transaction.
 */
public class TransactionRolledBackException extends AmqpException {

    private static final long serialVersionUID = 1L;

    /** A rollback described by {@code message}, with the peer's error condition (may be {@code null}). */
    public TransactionRolledBackException(String message, String errorCondition) {
        super(message, errorCondition);
    }

    /** A rollback described by {@code message}, caused by {@code cause} (may be {@code null}). */
    public TransactionRolledBackException(String message, Throwable cause) {
        super(message, cause);
    }
}
