package io.amqpra.bench;

import io.amqpra.impl.inbound.AmqpActivationSpec;
import io.amqpra.impl.inbound.InboundTestAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Several rhea senders at once, to the adapter's listener or to Artemis's acceptor. Messages per second accepted. */
final class Incoming {

    private Incoming() {
    }

    /** Some senders at once to a port and address; messages per second accepted. */
    interface Senders {
        double run(int port, String address, int senders, int perSender) throws Exception;
    }

    /** A listener whose bean does nothing: what is measured is the adapter, not the bean. */
    /** Artemis's acceptor grants each sender 1000 credits by default; the listener, the same. */
    static final int ARTEMIS_CREDIT = 1_000;

    static int listen(InboundTestAccess container, int maxConcurrency) throws Exception {
        return listen(container, maxConcurrency, 1_000, ARTEMIS_CREDIT);
    }

    static int listen(InboundTestAccess container, int maxConcurrency, int maxConnections, int linkCredit)
            throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("bench.*");
        spec.setSaslMechanisms("ANONYMOUS");
        spec.setMaxConcurrency(maxConcurrency);
        spec.setMaxConnections(maxConnections);
        // The memory scenario has all its peers in their handshake at once, by design.
        spec.setMaxUnauthenticatedConnections(maxConnections);
        spec.setLinkCredit(linkCredit);
        return container.listen(spec, (m, ctx) -> { });
    }

    static double rheaSenders(int port, String address, int senders, int perSender) throws Exception {
        List<CompletableFuture<String>> runs = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Outgoing.node("send.js", "127.0.0.1", port, address, perSender);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        double slowestMs = 0;
        for (CompletableFuture<String> run : runs) {
            String out = run.join();
            int at = out.indexOf("\"elapsedMs\":");
            if (!out.contains("\"accepted\":" + perSender) || at < 0) {
                throw new IllegalStateException("rhea: " + out);
            }
            slowestMs = Math.max(slowestMs, Double.parseDouble(out.substring(at + 12).replaceAll("[^0-9.].*", "")));
        }
        return senders * (double) perSender / (slowestMs / 1000);
    }

    /**
     * Qpid JMS senders in this JVM, each on its own connection, sending asynchronously and
     * counting every completion; each times its own sends, as rhea does.
     */
    static double jmsSenders(int port, String address, int senders, int perSender) {
        List<CompletableFuture<Double>> runs = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Outgoing.jmsPipelined("amqp://127.0.0.1:" + port, address, perSender);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, "jms-sender").start()));
        }
        double slowestSeconds = 0;
        for (CompletableFuture<Double> run : runs) {
            slowestSeconds = Math.max(slowestSeconds, perSender / run.join());
        }
        return senders * (double) perSender / slowestSeconds;
    }
}
