package io.amqpra.api;

import java.util.Objects;

/**
 * An AMQP symbol: an ASCII string that the wire encodes as {@code symbol}, not {@code string}.
 * Message annotation keys are always symbols; use this type for symbol values.
 *
 * @param value the symbol's text; should be ASCII (not checked), never {@code null}
 */
public record AmqpSymbol(String value) {

    /** Checks the value: a {@code null} value throws NullPointerException. */
    public AmqpSymbol {
        Objects.requireNonNull(value, "value");
    }

    /** The same as {@code new AmqpSymbol(value)}; a {@code null} value throws NullPointerException. */
    public static AmqpSymbol of(String value) {
        return new AmqpSymbol(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
