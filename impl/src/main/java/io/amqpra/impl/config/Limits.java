package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.MAX_SENDER_LINKS;
import static io.amqpra.impl.config.ConnectionProperties.MAX_SENDS_IN_FLIGHT;
import static io.amqpra.impl.config.ConnectionProperties.SEND_TIMEOUT;
import static io.amqpra.impl.config.ConnectionProperties.TRANSACTIONS;

/**
 * How long callers of an outgoing connection wait, how much it holds at once, and whether its
 * sends join JTA transactions.
 *
 * @param transactions {@code transactions=local}: the connection takes part in JTA transactions
 * @param maxSendsInFlight sends the connection holds at once, waiting for credit or an outcome
 * @param maxSenderLinks sender links the connection keeps attached while they are idle
 */
public record Limits(long sendTimeoutMillis, boolean transactions, int maxSendsInFlight, int maxSenderLinks) {

    static Limits from(PropertyValues values) throws InvalidSettingException {
        return new Limits(SEND_TIMEOUT.get(values), "local".equalsIgnoreCase(TRANSACTIONS.get(values).trim()),
                MAX_SENDS_IN_FLIGHT.get(values), MAX_SENDER_LINKS.get(values));
    }
}
