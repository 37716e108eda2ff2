package io.amqpra.bench;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import java.util.Arrays;

/** getConnection() plus close() on a warm pool (the adapter's non-managed pool), in microseconds. */
final class Pool {

    private Pool() {
    }

    /** Returns {median, p99} in microseconds. */
    static double[] latency(AmqpConnectionFactory cf, int iterations) throws Exception {
        for (int i = 0; i < 1_000; i++) {
            cf.getConnection().close(); // warm the pool and the JIT
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            AmqpConnection c = cf.getConnection();
            c.close();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[iterations / 2] / 1e3, nanos[(int) (iterations * 0.99)] / 1e3};
    }
}
