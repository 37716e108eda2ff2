package io.amqpra.impl.config;

import static io.amqpra.impl.config.Property.Group.CONSUMER;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The activation config properties of a message-driven bean that consumes from a broker
 * ({@code mode=connect}), besides the connection properties, which are those of a connection
 * factory ({@link ConnectionProperties}), with their names and defaults. {@code address},
 * {@code maxConcurrency} and {@code linkCredit} are the listener's; see {@link #ON_ERROR} for the
 * one whose default differs.
 */
public final class ConsumerProperties {

    /** Which of the two a bean does: {@code listen} for peers, or {@code connect} to a broker. */
    public static final Property<String> MODE = Property.of("mode", String.class, "listen", CONSUMER,
            "listen: accept AMQP connections from peers; connect: consume from a broker",
            v -> Checks.oneOf(v, "listen", "connect"));
    /**
     * The JNDI name of one of the adapter's connection factories (Jakarta Messaging's name for
     * this property): the bean's connection takes that factory's settings, and the connection
     * properties the bean sets itself override them.
     */
    public static final Property<String> CONNECTION_FACTORY_LOOKUP = Property.of("connectionFactoryLookup",
            String.class, null, CONSUMER, "JNDI name of a connection factory of the adapter whose connection settings"
            + " the bean takes; connection properties the bean sets itself override them");
    public static final Property<String> ADDRESS = Property.of("address", String.class, null, CONSUMER,
            "The queue or topic on the broker to consume from",
            v -> v == null ? "the queue or topic to consume from is required with mode=connect" : null);
    public static final Property<String> ADDRESS_TYPE = Property.of("addressType", String.class, "queue", CONSUMER,
            "queue or topic: the source capability that tells the broker how to route (AMQP JMS mapping)",
            v -> Checks.oneOf(v, "queue", "topic"));
    public static final Property<String> FILTER = Property.of("filter", String.class, null, CONSUMER,
            "A JMS selector the broker applies (apache.org:selector-filter:string)");
    public static final Property<String> SUBSCRIPTION_NAME = Property.of("subscriptionName", String.class, null,
            CONSUMER, "Name of the topic subscription: the link name the broker keeps it under");
    public static final Property<String> SUBSCRIPTION_DURABILITY = Property.of("subscriptionDurability",
            String.class, "nondurable", CONSUMER,
            "durable: the broker keeps the subscription and its messages while the bean is undeployed",
            v -> Checks.oneOf(v, "durable", "nondurable"));
    public static final Property<Boolean> UNSUBSCRIBE_ON_UNDEPLOY = Property.of("unsubscribeOnUndeploy",
            Boolean.class, false, CONSUMER, "Remove a durable subscription from the broker when the bean is"
            + " undeployed (its link is closed, not detached)");
    public static final Property<Boolean> SHARED = Property.of("shared", Boolean.class, false, CONSUMER,
            "A subscription that several consumers (servers) share");
    public static final Property<Boolean> ORDERED = Property.of("ordered", Boolean.class, false, CONSUMER,
            "One message at a time, in the broker's order (maxConcurrency 1, credit 1)");
    public static final Property<String> ON_ERROR = Property.of("onError", String.class, "modify", CONSUMER,
            "Outcome when the bean throws: modify (delivery-failed, counted as a redelivery), release or reject",
            v -> Checks.oneOf(v, "modify", "release", "reject"));
    public static final Property<Integer> MAX_REDELIVERIES = Property.of("maxRedeliveries", Integer.class, -1,
            CONSUMER, "Deliveries after which a message is not given to the bean again but gets onPoison; -1 for no"
            + " limit", v -> v < -1 || v == 0 ? "a number of deliveries of 1 or more, or -1 for no limit" : null);
    public static final Property<String> ON_POISON = Property.of("onPoison", String.class, "reject", CONSUMER,
            "Outcome of a message past maxRedeliveries: reject (to the dead-letter address) or modify"
            + " (undeliverable here)", v -> Checks.oneOf(v, "reject", "modify"));
    public static final Property<Boolean> TRANSACTED = Property.of("transacted", Boolean.class, false, CONSUMER,
            "In a container transaction, consume in an AMQP transaction too: the message's outcome and what the"
            + " bean sends with its DeliveryContext take effect together when the container commits");
    public static final Property<Long> DRAIN_TIMEOUT = Property.of("drainTimeout", Long.class, 10_000L, CONSUMER,
            "Time in ms deactivation waits for the beans in flight before it releases what is left",
            Checks::millisOrZero);

    /** All of them, the mode included. */
    public static final List<Property<?>> ALL = List.of(MODE, CONNECTION_FACTORY_LOOKUP, ADDRESS, ADDRESS_TYPE, FILTER, SUBSCRIPTION_NAME,
            SUBSCRIPTION_DURABILITY, UNSUBSCRIBE_ON_UNDEPLOY, SHARED, ORDERED, ON_ERROR, MAX_REDELIVERIES, ON_POISON, TRANSACTED,
            DRAIN_TIMEOUT);

    private ConsumerProperties() {
    }

    /**
     * Whether the values are those of a consuming bean; refuses a bean that mixes properties of
     * the two modes, naming them.
     */
    public static boolean connects(PropertyValues values) throws InvalidSettingException {
        boolean connect = MODE.get(values).trim().equalsIgnoreCase("connect");
        Set<String> own = new TreeSet<>();
        if (connect) {
            names(own, ConnectionProperties.ALL, ALL, List.of(ListenerProperties.MAX_CONCURRENCY,
                    ListenerProperties.LINK_CREDIT));
        } else {
            names(own, ListenerProperties.ALL, List.of(MODE));
        }
        Set<String> foreign = new TreeSet<>(values.names());
        foreign.removeAll(own);
        if (!foreign.isEmpty()) {
            throw values.invalid(MODE, MODE.get(values), "the properties " + foreign + " apply only to mode="
                    + (connect ? "listen" : "connect") + "; remove them or change the mode");
        }
        return connect;
    }

    @SafeVarargs
    private static void names(Set<String> into, List<Property<?>>... lists) {
        for (List<Property<?>> list : lists) {
            list.forEach(p -> into.add(p.name()));
        }
    }
}
