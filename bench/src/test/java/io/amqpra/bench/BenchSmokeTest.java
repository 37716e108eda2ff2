package io.amqpra.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short run of every scenario, so that the benchmark keeps working; its figures mean nothing. */
@Timeout(600)
class BenchSmokeTest {

    @Test
    void everyScenarioRunsAndTheTableHasARowForIt() throws Exception {
        String table = Benchmarks.run(new Benchmarks.Settings(2_000, 200, 1, 0, 2, 2_000, 50, 2_000));
        System.out.println(table);
        for (String scenario : new String[] {"pipelined", "one at a time", "Incoming", "Pool", "Recovery", "Failover",
                "Memory", "Ceiling"}) {
            assertTrue(table.contains(scenario), "no row for " + scenario + ":\n" + table);
        }
    }
}
