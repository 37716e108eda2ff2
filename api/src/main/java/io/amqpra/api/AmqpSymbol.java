package io.amqpra.api;

import java.util.Objects;

/**
 * An AMQP symbol: an ASCII string that the wire encodes as {@code symbol}, not {@code string}.
 * Message annotation keys are always symbols; use this type for symbol values.
 */
public record AmqpSymbol(String value) {

    public AmqpSymbol {
        Objects.requireNonNull(value, "value");
    }

    public static AmqpSymbol of(String value) {
        return new AmqpSymbol(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
