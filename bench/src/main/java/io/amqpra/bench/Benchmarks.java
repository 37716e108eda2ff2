package io.amqpra.bench;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.bench.app.Scenarios;
import io.amqpra.impl.inbound.InboundTestAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every scenario against the adapter and its peers back to back, in one process and on one
 * broker, several rounds after a warm-up, and prints a Markdown table of medians, spreads and
 * ratios. Sizes come from system properties (see {@link Settings}); {@code bench.output} names a
 * file to write the table to.
 */
public final class Benchmarks {

    /** How much to measure; the defaults are the full run. */
    record Settings(int messages, int syncMessages, int txMessages, int rounds, int warmup, int senders, int poolIterations,
                    int idleConnections, int pooledConnections, int ceilingMessages, Set<String> only) {

        static Settings fromSystemProperties() {
            String only = System.getProperty("bench.only", "").trim();
            for (String name : only.isEmpty() ? new String[0] : only.split("\\s*,\\s*")) {
                if (!SCENARIOS.contains(name)) {
                    throw new IllegalArgumentException("bench.only names '" + name + "', which is not a scenario; "
                            + "use some of " + String.join(",", SCENARIOS));
                }
            }
            return new Settings(Integer.getInteger("bench.messages", 100_000),
                    Integer.getInteger("bench.syncMessages", 10_000), Integer.getInteger("bench.txMessages", 10_000),
                    Integer.getInteger("bench.rounds", 5),
                    Integer.getInteger("bench.warmup", 2), Integer.getInteger("bench.senders", 4),
                    Integer.getInteger("bench.poolIterations", 100_000),
                    Integer.getInteger("bench.idleConnections", 5_000),
                    Integer.getInteger("bench.pooledConnections", 500),
                    Integer.getInteger("bench.ceilingMessages", 200_000),
                    only.isEmpty() ? Set.of() : Set.of(only.split("\\s*,\\s*")));
        }

        /** These settings with at most 3 rounds after 1 warm-up, for the rows that each take seconds. */
        Settings fewerRounds() {
            return new Settings(messages, syncMessages, txMessages, Math.min(rounds, 3), Math.min(warmup, 1), senders,
                    poolIterations, idleConnections, pooledConnections, ceilingMessages, only);
        }

        /** Whether to run a scenario: all of them, unless {@code bench.only} lists some. */
        boolean runs(String scenario) {
            return only.isEmpty() || only.contains(scenario);
        }
    }

    private static final String IN_SERVER = "through the rar in WildFly";
    private static final String NON_MANAGED = "non-managed in the benchmark's JVM";

    /** What {@code bench.only} can name. */
    static final List<String> SCENARIOS = List.of("wildfly", "pipelined", "sync", "incoming", "pool", "memory",
            "recovery", "failover", "ceiling", "mdb", "txsend", "mdbrecovery");

    interface Run {
        double once() throws Exception;
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String table = run(settings);
        System.out.println(table);
        String output = System.getProperty("bench.output");
        if (output != null && settings.only().isEmpty()) { // a partial run leaves the full table alone
            Files.writeString(Path.of(output), "# Benchmarks\n\nThe latest run of\n\n"
                    + "```\nmvn -B install -DskipTests && mvn -B -Pbench -pl bench verify -DskipTests\n```\n\n"
                    + "on " + machine() + ". Ratios compare medians measured side by side in this one run; "
                    + "figures move by about ±20 % from run to run on this machine, where the broker, the "
                    + "clients and node share two cores.\n\n" + table);
        }
        System.exit(0); // daemon loops and pooled connections need not linger
    }

    static String run(Settings s) throws Exception {
        List<String> rows = new ArrayList<>();
        try (BrokerProcess broker = BrokerProcess.start();
             InWildFly server = s.runs("wildfly") ? InWildFly.start("127.0.0.1", broker.port()) : null) {
            AmqpConnectionFactory cf = Outgoing.adapter("127.0.0.1", broker.port());

            if (s.runs("pipelined")) {
                pipelined(s, broker, server, cf, rows);
            }
            if (s.runs("sync")) {
                sync(s, broker, server, cf, rows);
            }
            if (s.runs("incoming")) {
                incoming(s, broker, server, rows);
            }
            if (s.runs("pool")) {
                pool(s, server, cf, rows);
            }
            if (s.runs("memory")) {
                memory(s, broker, rows);
            }
            if (server != null) {
                againstArtemisRa(s, broker, server, cf, rows);
            }
        }

        withoutBroker(s, rows);
        return "| scenario | this adapter | peers, same run | ratio | target | met |\n"
                + "| --- | --- | --- | --- | --- | --- |\n" + String.join("\n", rows) + "\n\n" + footer(s);
    }

    /** In WildFly, beside the Artemis resource adapter; the broker crashes last. */
    private static void againstArtemisRa(Settings s, BrokerProcess broker, InWildFly server, AmqpConnectionFactory cf,
                                         List<String> rows) throws Exception {
        AgainstArtemisRa against = new AgainstArtemisRa(s, broker, server, cf);
        if (s.runs("mdb")) {
            against.consumption(rows);
        }
        if (s.runs("txsend")) {
            against.transactionalSends(rows);
        }
        if (s.runs("mdbrecovery")) {
            against.consumerRecovery(rows);
        }
    }

    /**
     * Heap per pooled outgoing connection at the default maxFrameSize, and at the sizes that
     * bring it to 64 KiB (what we send is framed at the peer's size, so sends are not slowed).
     */
    private static void memory(Settings s, BrokerProcess broker, List<String> rows) throws Exception {
        for (int frame : new int[] {65536, 16384, 8192}) {
            double kib = Memory.perPooledOutgoingConnection("127.0.0.1", broker.port(), s.pooledConnections(), frame);
            rows.add("| Memory: heap per pooled outgoing connection (" + s.pooledConnections() + " open, idle, maxFrameSize "
                    + frame + (frame == 65536 ? ", the default" : "") + ") | " + Stats.fmt(kib) + " KiB | | | ≤ 64 KiB | "
                    + (kib <= 64 ? "yes" : "**no**") + " |");
        }
    }

    /** The scenarios that start their own brokers, or none. */
    private static void withoutBroker(Settings s, List<String> rows) throws Exception {
        if (s.runs("recovery")) {
            Stats restart = measure(s, Recovery::afterRestart);
            rows.add(row("Recovery: broker back → first accepted send (retry every 10 ms)", restart, "ms", "", "",
                    "≤ 50 ms after the attempt", restart.median() <= 60));
        }
        if (s.runs("failover")) {
            Stats failover = measure(s, Recovery::failover);
            rows.add(row("Failover: active broker killed → first accepted send on the other", failover, "ms", "", "",
                    "≤ 200 ms", failover.median() <= 200));
        }

        if (s.runs("memory")) {
            double kib = Memory.perIdleIncomingConnection(s.idleConnections());
            rows.add("| Memory: heap per idle incoming connection (" + s.idleConnections() + " peers) | "
                    + Stats.fmt(kib) + " KiB | | | < 50 KiB | " + (kib < 50 ? "yes" : "**no**") + " |");
        }

        if (s.runs("ceiling")) {
            Stats ceiling = measure(s, () -> Ceiling.messagesPerSecond(s.ceilingMessages()));
            rows.add(row("Ceiling: Proton-J encode, transfer, decode, settle in one thread", ceiling, "msg/s", "", "",
                    "(the limit to approach)", true));
        }
    }

    private static void pipelined(Settings s, BrokerProcess broker, InWildFly server, AmqpConnectionFactory cf,
                                  List<String> rows) throws Exception {
        String what = " (" + s.messages() + " × 1 KiB, every outcome)";
        Stats inServer = server == null ? null : measure(s, () -> purged(broker, "p",
                Double.parseDouble(server.run("scenario=pipelined&address=p&n=" + s.messages()))));
        Stats ours = measure(s, () -> purged(broker, "p", Outgoing.adapterPipelined(cf, "p", s.messages())));
        Stats jms = measure(s, () -> purged(broker, "p", Outgoing.jmsPipelined(broker.uri(), "p", s.messages())));
        Stats rhea = measure(s, () -> purged(broker, "p", Outgoing.rheaPipelined("127.0.0.1", broker.port(), "p", s.messages())));
        String peers = "Qpid JMS " + jms.format("msg/s") + "; rhea " + rhea.format("msg/s");
        for (Stats mine : new Stats[] {inServer, ours}) {
            if (mine != null) {
                rows.add(row("Outgoing, pipelined, " + (mine == inServer ? IN_SERVER : NON_MANAGED) + what, mine,
                        "msg/s", peers, ratio(mine, jms) + " × Qpid JMS, " + ratio(mine, rhea) + " × rhea",
                        "≥ 1.5 × Qpid JMS and ≥ rhea",
                        mine.median() >= 1.5 * jms.median() && mine.median() >= rhea.median()));
            }
        }
    }

    private static void sync(Settings s, BrokerProcess broker, InWildFly server, AmqpConnectionFactory cf,
                             List<String> rows) throws Exception {
        String what = " (" + s.syncMessages() + " × 1 KiB)";
        Stats inServer = server == null ? null : measure(s, () -> purged(broker, "s",
                Double.parseDouble(server.run("scenario=sync&address=s&n=" + s.syncMessages()))));
        Stats ours = measure(s, () -> purged(broker, "s", Outgoing.adapterOneAtATime(cf, "s", s.syncMessages())));
        Stats jms = measure(s, () -> purged(broker, "s", Outgoing.jmsOneAtATime(broker.uri(), "s", s.syncMessages())));
        for (Stats mine : new Stats[] {inServer, ours}) {
            if (mine != null) {
                rows.add(row("Outgoing, one at a time, " + (mine == inServer ? IN_SERVER : NON_MANAGED) + what,
                        mine, "msg/s", "Qpid JMS (sync sends) " + jms.format("msg/s"),
                        ratio(mine, jms) + " × Qpid JMS", "≥ 1.2 × Qpid JMS", mine.median() >= 1.2 * jms.median()));
            }
        }
    }

    /**
     * Senders into this adapter's listener, in WildFly (senders and broker out of its process)
     * and non-managed in the benchmark's JVM, against the same senders into Artemis's acceptor.
     */
    private static void incoming(Settings s, BrokerProcess broker, InWildFly server, List<String> rows)
            throws Exception {
        int perSender = s.messages() / s.senders();
        try (InboundTestAccess container = new InboundTestAccess()) {
            int port = Incoming.listen(container, 8);
            int inServer = server == null ? 0 : server.listen();
            String what = " senders × " + perSender + " × 1 KiB; " + Incoming.ARTEMIS_CREDIT
                    + " credits per sender on both, Artemis's default)";
            for (String senders : new String[] {"rhea", "Qpid JMS"}) {
                Incoming.Senders send = senders.equals("rhea") ? Incoming::rheaSenders : Incoming::jmsSenders;
                Stats wildFly = server == null ? null : measure(s, () -> send.run(inServer, "bench.in", s.senders(),
                        perSender));
                Stats ours = measure(s, () -> send.run(port, "bench.in", s.senders(), perSender));
                Stats artemis = measure(s, () -> purged(broker, "bench.in",
                        send.run(broker.port(), "bench.in", s.senders(), perSender)));
                String peer = "Artemis's own acceptor " + artemis.format("msg/s");
                if (wildFly != null) {
                    rows.add(row("Incoming into the rar in WildFly (" + s.senders() + " " + senders + what, wildFly,
                            "msg/s", peer, ratio(wildFly, artemis) + " × Artemis", "≥ 1.3 × Artemis",
                            wildFly.median() >= 1.3 * artemis.median()));
                }
                rows.add(row("Incoming, non-managed in the benchmark's JVM (" + s.senders() + " " + senders + what, ours,
                        "msg/s", peer, ratio(ours, artemis) + " × Artemis", "≥ Artemis",
                        ours.median() >= artemis.median()));
            }
        }
    }

    private static void pool(Settings s, InWildFly server, AmqpConnectionFactory cf, List<String> rows)
            throws Exception {
        if (server != null) {
            String[] p = server.run("scenario=pool&n=" + s.poolIterations()).split(" ");
            rows.add(poolRow("IronJacamar's pool in WildFly", s.poolIterations(),
                    new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])}));
        }
        rows.add(poolRow("the non-managed pool", s.poolIterations(), Scenarios.pool(cf, s.poolIterations())));
    }

    /** What the table was measured on, and how. */
    private static String footer(Settings s) {
        return "Medians of " + s.rounds() + " rounds after " + s.warmup() + " warm-up round(s), spread in brackets "
                + "(min–max). " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ". Broker: embedded ActiveMQ Artemis, non-persistent, on loopback, in a JVM of its own (pinned to "
                + "the last core with taskset where there is one); Qpid JMS and the non-managed adapter run in the "
                + "benchmark's JVM. WildFly runs the rar and a benchmark application in its "
                + "own JVM (1 GiB heap, standalone-full.xml); rhea runs in node. The rows against the Artemis resource "
                + "adapter (WildFly's own, to the same broker over Core through a pooled connection factory, XA) take "
                + "at most 3 rounds after 1 warm-up; there each adapter drains messages sent in its own protocol, so "
                + "the broker converts none, and both settle each message only after the bean returned. Scenarios: bench.only="
                + String.join(",", SCENARIOS) + ".\n";
    }

    private static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (Exception e) {
            // not Linux: leave it out
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MiB heap, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name");
    }

    private static double purged(BrokerProcess broker, String queue, double value) throws Exception {
        broker.purge(queue);
        return value;
    }

    static Stats measure(Settings s, Run run) throws Exception {
        for (int i = 0; i < s.warmup(); i++) {
            run.once();
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < s.rounds(); i++) {
            values.add(run.once());
        }
        return Stats.of(values);
    }

    private static String poolRow(String pool, int iterations, double[] latency) {
        return "| Pool: getConnection + close, " + pool + " (" + iterations + " times) | median "
                + Stats.fmt(latency[0]) + " µs, p99 " + Stats.fmt(latency[1]) + " µs | | | median < 20 µs | "
                + (latency[0] < 20 ? "yes" : "**no**") + " |";
    }

    static String ratio(Stats ours, Stats peer) {
        return String.format("%.2f", ours.median() / peer.median());
    }

    static String row(String scenario, Stats ours, String unit, String peers, String ratio, String target,
                              boolean met) {
        return "| " + scenario + " | " + ours.format(unit) + " | " + peers + " | " + ratio + " | " + target + " | "
                + (met ? "yes" : "**no**") + " |";
    }
}
