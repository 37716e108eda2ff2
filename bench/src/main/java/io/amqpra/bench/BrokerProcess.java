package io.amqpra.bench;

import io.amqpra.impl.broker.TestBroker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's broker in a JVM of its own (embedded ActiveMQ Artemis, non-persistent, on
 * loopback), pinned to the last core where {@code taskset} exists, so that the clients measured
 * do not share their JVM, heap and collector with it. It answers commands on its standard input,
 * one per line: {@code purge QUEUE}.
 */
final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int port;
    private final boolean pinned;

    private BrokerProcess(Process process, boolean pinned) throws IOException {
        this.process = process;
        this.pinned = pinned;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.port = Integer.parseInt(expect("port "));
    }

    static BrokerProcess start() throws IOException {
        List<String> command = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        boolean pin = cores > 1 && new File("/usr/bin/taskset").canExecute();
        if (pin) {
            command.addAll(List.of("/usr/bin/taskset", "-c", String.valueOf(cores - 1)));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        return new BrokerProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start(),
                pin);
    }

    int port() {
        return port;
    }

    String uri() {
        return "amqp://127.0.0.1:" + port;
    }

    /** Whether it runs on one core of its own. */
    boolean pinned() {
        return pinned;
    }

    /** Empties {@code queue}, as the rows do between rounds. */
    void purge(String queue) throws IOException {
        in.println("purge " + queue);
        expect("purged");
    }

    private String expect(String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IOException("the broker process ended before saying '" + prefix + "'");
    }

    @Override
    public void close() throws InterruptedException {
        in.close(); // the child stops at the end of its input
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The broker's JVM: starts it, says its port, then serves commands until its input ends. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (TestBroker broker = TestBroker.start(0, false);
                 BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                System.out.println("port " + broker.port());
                for (String line; (line = commands.readLine()) != null; ) {
                    if (line.startsWith("purge ")) {
                        broker.purge(line.substring(6).trim());
                        System.out.println("purged");
                    }
                }
            }
            System.exit(0);
        }
    }
}
