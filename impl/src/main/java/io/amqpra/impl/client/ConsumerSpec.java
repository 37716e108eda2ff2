package io.amqpra.impl.client;

/**
 * What a consuming link asks the broker for, as the AMQP JMS mapping spells it: a queue or a
 * topic, optionally filtered, and for a topic possibly a durable or shared subscription, kept by
 * the broker under the link's name.
 *
 * @param linkName the link's name: for a subscription its name, which must stay the same across
 *                 reconnects and restarts
 * @param filter a JMS selector, or {@code null}
 * @param window the credit the link grants: messages in flight at most
 */
public record ConsumerSpec(String address, String linkName, boolean topic, String filter, boolean durable,
                           boolean shared, int window) {
}
