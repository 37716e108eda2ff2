package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.SEND_TIMEOUT;
import static io.amqpra.impl.config.ConnectionProperties.TRANSACTIONS;

/**
 * How long callers of an outgoing connection wait, and whether its sends join JTA transactions.
 *
 * @param transactions {@code transactions=local}: the connection takes part in JTA transactions
 */
public record Limits(long sendTimeoutMillis, boolean transactions) {

    static Limits from(PropertyValues values) throws InvalidSettingException {
        return new Limits(SEND_TIMEOUT.get(values), "local".equalsIgnoreCase(TRANSACTIONS.get(values).trim()));
    }
}
