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

    /** A listener whose bean does nothing: what is measured is the adapter, not the bean. */
    static int listen(InboundTestAccess container, int maxConcurrency) throws Exception {
        AmqpActivationSpec spec = InboundTestAccess.spec("bench.*");
        spec.setSaslMechanisms("ANONYMOUS");
        spec.setMaxConcurrency(maxConcurrency); // link credit: the default, 10 x this
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
}
