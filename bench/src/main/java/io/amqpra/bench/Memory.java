package io.amqpra.bench;

import io.amqpra.impl.inbound.InboundTestAccess;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Transport;

/** Heap held per idle peer connection on a listener. */
final class Memory {

    private Memory() {
    }

    /** KiB of heap per idle incoming connection, with {@code n} peers that opened AMQP and went quiet. */
    static double perIdleIncomingConnection(int n) throws Exception {
        byte[] hello = headerAndOpen();
        try (InboundTestAccess container = new InboundTestAccess()) {
            int port = Incoming.listen(container, 10);
            List<Socket> peers = new ArrayList<>(n);
            long before = usedHeap();
            try {
                for (int i = 0; i < n; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write(hello);
                    peers.add(s);
                }
                for (Socket s : peers) { // each answered with its header and open: the listener has it
                    InputStream in = s.getInputStream();
                    s.setSoTimeout(30_000);
                    in.readNBytes(16);
                }
                long after = usedHeap();
                return (after - before) / 1024.0 / n;
            } finally {
                for (Socket s : peers) {
                    s.close();
                }
            }
        }
    }

    /** The bytes a peer sends to open: AMQP header (no SASL) and an open frame. */
    static byte[] headerAndOpen() {
        Transport transport = Transport.Factory.create();
        Connection connection = Connection.Factory.create();
        connection.setContainer("idle-peer");
        transport.bind(connection);
        connection.open();
        ByteBuffer out = ByteBuffer.allocate(1024);
        while (transport.pending() > 0) {
            ByteBuffer head = transport.head();
            int n = head.remaining();
            out.put(head);
            transport.pop(n);
        }
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
