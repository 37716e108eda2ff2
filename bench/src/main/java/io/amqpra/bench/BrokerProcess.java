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
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * The benchmark's broker in a JVM of its own (embedded ActiveMQ Artemis, non-persistent, on
 * loopback, AMQP and Core on one port), pinned to the last core where {@code taskset} exists, so
 * that the clients measured do not share their JVM, heap and collector with it. It answers
 * commands on its standard input, one per line: {@code purge QUEUE}, {@code fill QUEUE N} (N Core
 * messages of 1 KiB, as a Jakarta Messaging client sends them), {@code crash}, and
 * {@code restart QUEUE} (back on the same port, then probe messages on QUEUE).
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

    /** Puts {@code n} Core messages of 1 KiB on {@code queue}, and returns once the queue holds them. */
    void fill(String queue, int n) throws IOException {
        in.println("fill " + queue + " " + n);
        expect("filled");
    }

    /** Stops the broker as its clients see a crash: connections dropped, then gone. */
    void crash() throws IOException {
        in.println("crash");
        expect("crashed");
    }

    /**
     * Starts the crashed broker again on its port and puts {@value Child#PROBES} messages marked
     * {@code probe} on {@code queue} at once; the wall-clock milliseconds at which it accepted
     * connections again and at which it had been handed the probes.
     */
    long[] restart(String queue) throws IOException {
        in.println("restart " + queue);
        String[] times = expect("up ").split(" ");
        return new long[] {Long.parseLong(times[0]), Long.parseLong(times[1])};
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

        static final int PROBES = 100;
        private static final byte[] KIB = new byte[1024];

        public static void main(String[] args) throws Exception {
            try (TestBroker broker = TestBroker.start(TestBroker.freePort(), false, ",CORE");
                 BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                fill(broker, "warm-up", 1, false); // loads the client's classes before anything is timed
                broker.purge("warm-up");
                System.out.println("port " + broker.port());
                for (String line; (line = commands.readLine()) != null; ) {
                    System.out.println(serve(broker, line.trim().split(" ")));
                }
            }
            System.exit(0);
        }

        private static String serve(TestBroker broker, String[] command) throws Exception {
            switch (command[0]) {
                case "purge" -> {
                    broker.purge(command[1]);
                    return "purged";
                }
                case "fill" -> {
                    fill(broker, command[1], Integer.parseInt(command[2]), false);
                    return "filled";
                }
                case "crash" -> {
                    broker.kill();
                    return "crashed";
                }
                case "restart" -> {
                    broker.restart();
                    long up = System.currentTimeMillis();
                    fill(broker, command[1], PROBES, true);
                    return "up " + up + " " + System.currentTimeMillis();
                }
                default -> throw new IllegalArgumentException("no such command: " + String.join(" ", command));
            }
        }

        /**
         * Sends over Core, as the Artemis resource adapter's peers do. Unless they are probes (which
         * a consumer may take at once), waits until the queue holds them.
         */
        private static void fill(TestBroker broker, String queue, int n, boolean probe) throws Exception {
            long before = broker.messageCount(queue);
            try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + broker.port())
                    .setBlockOnNonDurableSend(false).setBlockOnDurableSend(false);
                 ClientSessionFactory factory = locator.createSessionFactory();
                 ClientSession session = factory.createSession();
                 ClientProducer producer = session.createProducer(queue)) {
                if (!session.queueQuery(SimpleString.of(queue)).isExists()) {
                    session.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
                }
                for (int i = 0; i < n; i++) {
                    ClientMessage message = session.createMessage(Message.BYTES_TYPE, true);
                    message.setRoutingType(RoutingType.ANYCAST); // a queue, as a Jakarta Messaging client says
                    message.getBodyBuffer().writeBytes(KIB);
                    if (probe) {
                        message.putBooleanProperty("probe", true);
                    }
                    producer.send(message);
                }
            }
            for (int waits = 0; !probe && broker.awaitMessageCount(queue, before + n) < before + n; waits++) {
                if (waits == 12) { // a minute
                    throw new IllegalStateException("the broker queued " + broker.describe(queue) + " of "
                            + (before + n) + " messages sent");
                }
            }
        }
    }
}
