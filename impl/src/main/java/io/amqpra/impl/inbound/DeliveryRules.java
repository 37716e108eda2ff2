package io.amqpra.impl.inbound;

import io.amqpra.api.Message;
import java.util.function.Function;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/**
 * How an activation delivers: how many beans at once, the outcome of a message whose bean threw,
 * and the outcome of a message that must not reach a bean again (or {@code null} for one that
 * may).
 */
record DeliveryRules(int maxConcurrency, Function<Throwable, DeliveryState> onError,
                     Function<Message, DeliveryState> poison) {
}
