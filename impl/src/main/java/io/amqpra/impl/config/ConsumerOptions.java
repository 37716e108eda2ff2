package io.amqpra.impl.config;

import static io.amqpra.impl.config.ConsumerProperties.ADDRESS;
import static io.amqpra.impl.config.ConsumerProperties.ADDRESS_TYPE;
import static io.amqpra.impl.config.ConsumerProperties.DRAIN_TIMEOUT;
import static io.amqpra.impl.config.ConsumerProperties.FILTER;
import static io.amqpra.impl.config.ConsumerProperties.MAX_REDELIVERIES;
import static io.amqpra.impl.config.ConsumerProperties.ON_ERROR;
import static io.amqpra.impl.config.ConsumerProperties.ON_POISON;
import static io.amqpra.impl.config.ConsumerProperties.ORDERED;
import static io.amqpra.impl.config.ConsumerProperties.SHARED;
import static io.amqpra.impl.config.ConsumerProperties.SUBSCRIPTION_DURABILITY;
import static io.amqpra.impl.config.ConsumerProperties.SUBSCRIPTION_NAME;
import static io.amqpra.impl.config.ConsumerProperties.TRANSACTED;
import static io.amqpra.impl.config.ConsumerProperties.UNSUBSCRIBE_ON_UNDEPLOY;
import static io.amqpra.impl.config.ListenerProperties.LINK_CREDIT;
import static io.amqpra.impl.config.ListenerProperties.MAX_CONCURRENCY;

/**
 * What a consuming bean takes from the broker and how: the source of its link, how many
 * messages it has in flight, and what a failure or a poison message gets.
 *
 * @param filter a JMS selector, or {@code null}
 * @param subscriptionName the topic subscription's name, or {@code null}
 * @param onError {@code modify}, {@code release} or {@code reject}
 * @param maxRedeliveries the delivery count from which a message gets {@code onPoison}; -1 for none
 * @param onPoison {@code reject} or {@code modify}
 * @param keepSubscription whether undeploy detaches the link, so that the broker keeps the
 *                         subscription, rather than closing it
 * @param transacted whether a transacted delivery also runs in an AMQP transaction on the
 *                   consumer's connection
 */
public record ConsumerOptions(String address, boolean topic, String filter, String subscriptionName,
                              boolean durable, boolean shared, int maxConcurrency, int linkCredit,
                              String onError, int maxRedeliveries, String onPoison, long drainTimeoutMillis,
                              boolean keepSubscription, boolean transacted) {

    /** Checks the consumer's properties; the connection's are checked by {@link ConnectionSettings#from}. */
    public static ConsumerOptions from(PropertyValues values) throws InvalidSettingException {
        String address = ADDRESS.get(values);
        boolean topic = ADDRESS_TYPE.get(values).trim().equalsIgnoreCase("topic");
        String name = SUBSCRIPTION_NAME.get(values);
        boolean durable = SUBSCRIPTION_DURABILITY.get(values).trim().equalsIgnoreCase("durable");
        if (durable && name == null) {
            throw values.invalid(SUBSCRIPTION_DURABILITY, "durable", "a durable subscription needs a"
                    + " 'subscriptionName' to find it again");
        }
        if (name != null && !topic) {
            throw values.invalid(SUBSCRIPTION_NAME, name, "subscriptions are for topics: set addressType=topic");
        }
        boolean ordered = ORDERED.get(values);
        int concurrency = ordered ? 1 : MAX_CONCURRENCY.get(values);
        Integer credit = LINK_CREDIT.get(values);
        int window = ordered ? 1 : credit != null ? credit : defaultCredit(concurrency);
        return new ConsumerOptions(address.trim(), topic, FILTER.get(values), name, durable, SHARED.get(values),
                concurrency, window, ON_ERROR.get(values).trim().toLowerCase(), MAX_REDELIVERIES.get(values),
                ON_POISON.get(values).trim().toLowerCase(), DRAIN_TIMEOUT.get(values),
                durable && !UNSUBSCRIBE_ON_UNDEPLOY.get(values), TRANSACTED.get(values));
    }

    /**
     * 10 per bean, at least 100 and at most 1000: enough that a bean that finishes finds the next
     * message waiting (below about 100 a single bean waited on the broker between small batches and
     * drained at half its speed), and never more than {@code linkCredit} messages in memory.
     */
    static int defaultCredit(int concurrency) {
        return Math.min(1000, Math.max(100, concurrency * 10));
    }
}
