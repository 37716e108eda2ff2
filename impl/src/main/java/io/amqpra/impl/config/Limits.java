package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConnectionProperties.SEND_TIMEOUT;

/** How long callers of an outgoing connection wait. */
public record Limits(long sendTimeoutMillis) {

    static Limits from(PropertyValues values) throws InvalidSettingException {
        return new Limits(SEND_TIMEOUT.get(values));
    }
}
