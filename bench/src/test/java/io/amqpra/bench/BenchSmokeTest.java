package io.amqpra.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short run of every scenario, so that the benchmark keeps working; its figures mean nothing. */
@Timeout(600)
class BenchSmokeTest {

    @Test
    void everyScenarioRunsAndTheTableHasARowForIt() throws Exception {
        String table = Benchmarks.run(new Benchmarks.Settings(2_000, 200, 200, 1, 0, 2, 2_000, 50, 20, 2_000, java.util.Set.of()));
        System.out.println(table);
        for (String scenario : new String[] {"pipelined, through the rar in WildFly", "pipelined, non-managed",
                "one at a time, through the rar in WildFly", "one at a time, non-managed", "rhea senders", "Qpid JMS senders", "Incoming into the rar in WildFly",
                "IronJacamar's pool", "non-managed pool", "Recovery", "Failover", "per pooled outgoing connection",
                "per idle incoming connection", "Ceiling",
                "MDB consumption, concurrency 1, no transaction", "MDB consumption, concurrency 15, in container",
                "one per transaction", "100 per transaction", "Consumer recovery"}) {
            assertTrue(table.contains(scenario), "no row for " + scenario + ":\n" + table);
        }
    }
}
