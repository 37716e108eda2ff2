package io.amqpra.bench;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.bench.Benchmarks.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rows a WildFly user weighs when choosing between this adapter and the ActiveMQ Artemis
 * resource adapter WildFly ships, both in the same server against the same broker: message-driven
 * beans draining a queue, sends in container-managed transactions, and a consuming bean's
 * recovery after the broker crashed. Each bean of ours is the same code as its Artemis twin (see
 * the benchmark application's {@code ejb-jar.xml}); each drains messages in its own protocol
 * (AMQP for ours, Core for Artemis's), so neither pays the broker for converting them.
 */
final class AgainstArtemisRa {

    private static final String AMQP_QUEUE = "drain.amqp";
    /** WildFly's Artemis resource adapter names the beans' queue {@code drain.core} so on the broker. */
    private static final String CORE_QUEUE = "jms.queue.drain.core";
    /** How long a drain or a recovery may take before the row fails. */
    private static final long TIMEOUT_MILLIS = 240_000;

    private final Settings s;
    private final BrokerProcess broker;
    private final InWildFly server;
    private final AmqpConnectionFactory cf;

    AgainstArtemisRa(Settings s, BrokerProcess broker, InWildFly server, AmqpConnectionFactory cf) {
        this.s = s.fewerRounds();
        this.broker = broker;
        this.server = server;
        this.cf = cf;
    }

    /** A queue of messages drained by a bean, at concurrency 1 and 15, transacted or not. */
    void consumption(List<String> rows) throws Exception {
        for (int concurrency : new int[] {1, 15}) {
            for (boolean transacted : new boolean[] {false, true}) {
                int n = transacted ? s.txMessages() : s.messages();
                String bean = "-c" + concurrency + (transacted ? "-tx" : "");
                Stats ours = Benchmarks.measure(s, () -> drain("ours" + bean, n));
                Stats artemis = Benchmarks.measure(s, () -> drain("artemis" + bean, n));
                rows.add(Benchmarks.row("MDB consumption, concurrency " + concurrency + ", "
                                + (transacted ? "in container transactions" : "no transaction") + " (" + n
                                + " × 1 KiB preloaded, each settled after the bean returned)", ours, "msg/s",
                        "Artemis resource adapter " + artemis.format("msg/s"),
                        Benchmarks.ratio(ours, artemis) + " × Artemis RA", "≥ 1.2 × Artemis RA",
                        ours.median() >= 1.2 * artemis.median()));
            }
        }
    }

    /**
     * Messages per second for one bean to drain a queue preloaded with {@code n} messages, from
     * starting its delivery to the last message it finished.
     */
    private double drain(String bean, int n) throws Exception {
        preload(bean, n);
        server.run("scenario=reset");
        long start = System.currentTimeMillis();
        server.startDelivery(bean);
        long last = Long.parseLong(server.run("scenario=processed&n=" + n + "&timeout=" + TIMEOUT_MILLIS));
        server.stopDelivery(bean);
        return n / ((last - start) / 1e3);
    }

    private void preload(String bean, int n) throws Exception {
        broker.purge(AMQP_QUEUE);
        broker.purge(CORE_QUEUE);
        if (bean.startsWith("ours")) {
            Outgoing.adapterPipelined(cf, AMQP_QUEUE, n);
        } else {
            broker.fill(CORE_QUEUE, n);
        }
    }

    /** Sends in container-managed transactions, one per transaction and 100 per transaction. */
    void transactionalSends(List<String> rows) throws Exception {
        for (int batch : new int[] {1, 100}) {
            Stats ours = Benchmarks.measure(s, () -> txSend("ours", "tx.amqp", batch));
            Stats artemis = Benchmarks.measure(s, () -> txSend("artemis", "tx.core", batch));
            double target = batch == 1 ? 1.0 : 2.0;
            rows.add(Benchmarks.row("Transactional sends from a CMT bean, " + (batch == 1 ? "one per transaction"
                            : batch + " per transaction") + " (" + s.txMessages() + " × 1 KiB; ours: an AMQP "
                            + "local transaction in JTA)", ours, "msg/s",
                    "Artemis resource adapter, XA " + artemis.format("msg/s"),
                    Benchmarks.ratio(ours, artemis) + " × Artemis RA", "≥ " + target + " × Artemis RA",
                    ours.median() >= target * artemis.median()));
        }
    }

    private double txSend(String via, String queue, int batch) throws Exception {
        double rate = Double.parseDouble(server.run("scenario=txsend&via=" + via + "&address=" + queue + "&n="
                + s.txMessages() + "&batch=" + batch));
        broker.purge(queue);
        return rate;
    }

    /**
     * Milliseconds from the broker accepting connections again, after it crashed while a bean
     * drained a queue, to the bean finishing its first message from the restarted broker. Both
     * adapters retry every 100 ms; the broker stays down for a random part of that.
     */
    void consumerRecovery(List<String> rows) throws Exception {
        List<Double> probesQueued = new ArrayList<>();
        Stats ours = Benchmarks.measure(s, () -> recovery("ours-c1", probesQueued));
        Stats artemis = Benchmarks.measure(s, () -> recovery("artemis-c1", probesQueued));
        rows.add(Benchmarks.row("Consumer recovery: broker crashed under load and restarted → the MDB's first message "
                        + "(both retry every 100 ms; the restarted broker had its first messages queued "
                        + Stats.fmt(Stats.of(probesQueued).median()) + " ms after it was back, so no figure is below "
                        + "that)", ours, "ms", "Artemis resource adapter " + artemis.format("ms"),
                Benchmarks.ratio(ours, artemis) + " × Artemis RA's time", "≤ 150 ms (the 100 ms delay + 50 ms)",
                ours.median() <= 150));
    }

    private double recovery(String bean, List<Double> probesQueued) throws Exception {
        preload(bean, Math.max(2_000, s.messages() / 5));
        server.run("scenario=reset");
        server.startDelivery(bean);
        server.run("scenario=processed&n=1000&timeout=" + TIMEOUT_MILLIS); // under load
        broker.crash();
        // Down for a random part of the 100 ms retry interval: otherwise the restart would land at
        // the same point of both adapters' retry cycles every round, and the rows would measure that.
        Thread.sleep(ThreadLocalRandom.current().nextLong(100));
        long[] up = broker.restart(bean.startsWith("ours") ? AMQP_QUEUE : CORE_QUEUE);
        probesQueued.add((double) (up[1] - up[0]));
        long first = Long.parseLong(server.run("scenario=probe&timeout=" + TIMEOUT_MILLIS));
        server.stopDelivery(bean);
        return first - up[0];
    }
}
