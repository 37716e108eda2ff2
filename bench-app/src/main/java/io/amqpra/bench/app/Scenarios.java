package io.amqpra.bench.app;

import io.amqpra.api.AmqpConnection;
import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.api.AmqpException;
import io.amqpra.api.Message;
import io.amqpra.api.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application side of the outgoing and pool scenarios, the same code whether the connection
 * factory is injected in WildFly or made non-managed by the benchmark. Messages are 1 KiB; a
 * message the peer does not accept fails the run.
 */
public final class Scenarios {

    private static final Message KIB = Message.of(new byte[1024]);

    private Scenarios() {
    }

    /** {@code n} sends without waiting, then every outcome; messages per second. */
    public static double pipelined(AmqpConnectionFactory factory, String address, int n)
            throws AmqpException, InterruptedException, ExecutionException, TimeoutException {
        try (AmqpConnection c = factory.getConnection()) {
            long start = System.nanoTime();
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                outcomes.add(c.sendAsync(address, KIB).toCompletableFuture());
            }
            for (CompletableFuture<Outcome> o : outcomes) {
                o.get(2, TimeUnit.MINUTES).requireAccepted();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** {@code n} sends, each waiting for its outcome; messages per second. */
    public static double oneAtATime(AmqpConnectionFactory factory, String address, int n) throws AmqpException {
        try (AmqpConnection c = factory.getConnection()) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                c.send(address, KIB).requireAccepted();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * {@code getConnection()} plus {@code close()} {@code n} times on a warm pool; median and 99th
     * percentile in microseconds.
     */
    public static double[] pool(AmqpConnectionFactory factory, int n) throws AmqpException {
        for (int i = 0; i < 1_000; i++) {
            factory.getConnection().close(); // warm the pool and the JIT
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            AmqpConnection c = factory.getConnection();
            c.close();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3};
    }
}
