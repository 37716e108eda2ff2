package io.amqpra.demo.console;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.status.AdapterStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.List;

/**
 * Samples the adapter's status once a second, whether a page watches or not, so that every page
 * sees the same rates and a page opened late sees the last two minutes at once. Also reads the
 * depths of the server's broker queues the demo uses, if the server has that broker.
 */
@Singleton
public class ConsoleSampler {

    /** What the latest sample found. */
    public record Sample(List<RateMeter.Point> rates, Long deadLetterQueue, Long ordersQueue) {
    }

    @Resource(lookup = "java:/amqp/ConnectionFactory")
    private AmqpConnectionFactory factory;

    @Resource(lookup = "java:app/amqp/Broker")
    private AmqpConnectionFactory broker;

    private final RateMeter rates = new RateMeter();
    private final BrokerQueues deadLetters = new BrokerQueues("jms-queue=DLQ");
    private final BrokerQueues orders = new BrokerQueues("queue=demo.orders");
    private volatile Sample latest = new Sample(List.of(), null, null);

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "demo console sampler")
    void tick() {
        rates.sample(System.currentTimeMillis(), status());
        latest = new Sample(rates.points(), deadLetters.depth(), orders.depth());
    }

    /**
     * The adapter now, through both of the demo's factories: the application's own,
     * {@code java:app/amqp/Broker}, may be served by an adapter instance of its own.
     */
    @Lock(LockType.READ)
    public AdapterStatus status() {
        return ConsoleView.merge(List.of(factory.status(), broker.status()));
    }

    @Lock(LockType.READ)
    public Sample latest() {
        return latest;
    }
}
