package io.amqpra.bench;

import io.amqpra.impl.inbound.InboundTestAccess;
import io.amqpra.impl.outbound.AmqpManagedConnectionFactory;
import jakarta.resource.spi.ManagedConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Transport;

/** Heap held per idle peer connection on a listener. */
final class Memory {

    private Memory() {
    }

    /**
     * KiB of heap per idle incoming connection, with {@code n} peers that signed on (SASL
     * ANONYMOUS, as rhea and Qpid JMS do), opened AMQP and went quiet. The listener runs in a JVM
     * of its own and the peers in this one, so that only the listener's side is counted.
     */
    static double perIdleIncomingConnection(int n) throws Exception {
        byte[] hello = saslAnonymousThenOpen();
        Process child = childJvm("incoming", String.valueOf(n));
        List<Socket> peers = new ArrayList<>(n);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = Integer.parseInt(lastLineStartingWith(out, "port ").substring(5));
            for (int i = 0; i < n; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write(hello);
                peers.add(s);
            }
            for (Socket s : peers) { // each got its open answered: the listener holds it
                s.setSoTimeout(30_000);
                awaitOpen(s.getInputStream());
            }
            child.getOutputStream().write("opened\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            return Double.parseDouble(lastLineStartingWith(out, "kib ").substring(4));
        } finally {
            for (Socket s : peers) {
                s.close();
            }
            child.destroy();
        }
    }

    /** The listener's side: listens, reports its port, and measures once the peers are in. */
    private static double measureIdleIncoming(int n) throws Exception {
        try (InboundTestAccess container = new InboundTestAccess()) {
            int port = Incoming.listen(container, 10, n + 10, 100); // credit: the default for 10 at a time
            long before = usedHeap();
            System.out.println("port " + port);
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return (usedHeap() - before) / 1024.0 / n;
        }
    }

    private static String lastLineStartingWith(BufferedReader out, String prefix) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("The measuring JVM ended without '" + prefix.trim() + "': " + seen);
    }

    /** Reads the listener's SASL exchange, its AMQP header and the first 8 bytes of its open frame. */
    private static void awaitOpen(InputStream in) throws IOException {
        byte[] amqp = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
        int matched = 0;
        while (matched < amqp.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The listener closed an idle peer's connection before opening it");
            }
            matched = b == amqp[matched] ? matched + 1 : (b == 'A' ? 1 : 0);
        }
        in.readNBytes(8);
    }

    /**
     * What a peer sends to sign on anonymously and open, in one go: the SASL header and init,
     * then the AMQP header and an open frame.
     */
    static byte[] saslAnonymousThenOpen() {
        Transport sasl = Transport.Factory.create();
        sasl.sasl().client();
        sasl.sasl().setMechanisms("ANONYMOUS");
        Transport amqp = Transport.Factory.create();
        Connection connection = Connection.Factory.create();
        connection.setContainer("idle-peer");
        amqp.bind(connection);
        connection.open();
        ByteBuffer out = ByteBuffer.allocate(1024);
        for (Transport t : new Transport[] {sasl, amqp}) {
            while (t.pending() > 0) {
                ByteBuffer head = t.head();
                int n = head.remaining();
                out.put(head);
                t.pop(n);
            }
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /**
     * KiB of heap per pooled outgoing connection: {@code n} managed connections open to the broker
     * and idle, each accepting frames of up to {@code maxFrameSize} bytes. Measured in a JVM of
     * its own, so that the broker's share of each connection is not counted.
     */
    static double perPooledOutgoingConnection(String host, int port, int n, int maxFrameSize) throws Exception {
        return inChildJvm("outgoing", host, String.valueOf(port), String.valueOf(n), String.valueOf(maxFrameSize));
    }

    /**
     * Measures in a JVM of its own, which holds the adapter and nothing of the broker or the
     * other scenarios, and returns the KiB per connection it prints last.
     */
    private static double inChildJvm(String... args) throws Exception {
        Process p = childJvm(args);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            return Double.parseDouble(lastLineStartingWith(out, "kib ").substring(4));
        } finally {
            p.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static Process childJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"), Memory.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The child JVM: {@code incoming N} or {@code outgoing HOST PORT N FRAME}; prints KiB per connection. */
    public static void main(String[] args) throws Exception {
        double kib = args[0].equals("incoming") ? measureIdleIncoming(Integer.parseInt(args[1]))
                : measurePooledOutgoing(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
        System.out.println("kib " + kib);
        System.exit(0);
    }

    private static double measurePooledOutgoing(String host, int port, int n, int maxFrameSize) throws Exception {
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setHost(host);
        mcf.setPort(port);
        mcf.setMaxFrameSize(maxFrameSize);
        mcf.createManagedConnection(null, null).destroy(); // load and warm what every connection shares
        List<ManagedConnection> open = new ArrayList<>(n);
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            open.add(mcf.createManagedConnection(null, null));
        }
        long after = usedHeap();
        for (ManagedConnection c : open) {
            c.destroy();
        }
        return (after - before) / 1024.0 / n;
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
