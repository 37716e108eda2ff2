package io.amqpra.bench;

import io.amqpra.api.AmqpConnectionFactory;
import io.amqpra.bench.app.Scenarios;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.jms.JmsConnectionFactory;

/** Sending N messages of 1 KiB, tracking every outcome: the adapter, Qpid JMS and rhea. Messages per second. */
final class Outgoing {

    static final byte[] KIB = new byte[1024];

    private Outgoing() {
    }

    static AmqpConnectionFactory adapter(String host, int port) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost(host);
        mcf.setPort(port);
        mcf.setSendTimeout(120_000L);
        return (AmqpConnectionFactory) mcf.createConnectionFactory();
    }

    static double adapterPipelined(AmqpConnectionFactory cf, String address, int n) throws Exception {
        return Scenarios.pipelined(cf, address, n);
    }

    static double adapterOneAtATime(AmqpConnectionFactory cf, String address, int n) throws Exception {
        return Scenarios.oneAtATime(cf, address, n);
    }

    static double jmsPipelined(String uri, String address, int n) throws Exception {
        try (JMSContext jms = new JmsConnectionFactory(uri).createContext()) {
            Queue queue = jms.createQueue(address);
            CountDownLatch done = new CountDownLatch(n);
            AtomicInteger failed = new AtomicInteger();
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setAsync(new CompletionListener() {
                        @Override
                        public void onCompletion(jakarta.jms.Message m) {
                            done.countDown();
                        }

                        @Override
                        public void onException(jakarta.jms.Message m, Exception e) {
                            failed.incrementAndGet();
                            done.countDown();
                        }
                    });
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(queue, KIB); // a new BytesMessage each time, as async sends require
            }
            if (!done.await(2, TimeUnit.MINUTES) || failed.get() > 0) {
                throw new IllegalStateException("Qpid JMS: " + failed.get() + " failed sends");
            }
            return rate(n, start);
        }
    }

    static double jmsOneAtATime(String uri, String address, int n) throws Exception {
        try (JMSContext jms = new JmsConnectionFactory(uri + "?jms.forceSyncSend=true").createContext()) {
            Queue queue = jms.createQueue(address);
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(queue, KIB);
            }
            return rate(n, start);
        }
    }

    /** rhea pipelines as its credit allows and reports its own elapsed time (not node's start-up). */
    static double rheaPipelined(String host, int port, String address, int n) throws Exception {
        String out = node("send.js", host, port, address, n);
        int at = out.indexOf("\"elapsedMs\":");
        if (!out.contains("\"accepted\":" + n) || at < 0) {
            throw new IllegalStateException("rhea: " + out);
        }
        double ms = Double.parseDouble(out.substring(at + 12).replaceAll("[^0-9.].*", ""));
        return n / (ms / 1000);
    }

    static String node(String script, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("node.dir")))
                .redirectErrorStream(true);
        builder.environment().put("REPORT_TIME", "1");
        builder.environment().put("BODY_BYTES", "1024");
        Process p = builder.start();
        // Wait first, with a bound: reading to the end would wait for ever on a node that never exits.
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 5 minutes");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    static double rate(int n, long startNanos) {
        return n / ((System.nanoTime() - startNanos) / 1e9);
    }
}
