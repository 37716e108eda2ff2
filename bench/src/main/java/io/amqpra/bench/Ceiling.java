package io.amqpra.bench;

import io.amqpra.api.Message;
import io.amqpra.impl.message.MessageCodec;
import java.nio.ByteBuffer;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * Proton-J alone, in one thread: encode a 1 KiB message, transfer it between two engines in
 * memory, decode it, accept it and settle. The most any Proton-J client can do per core.
 */
final class Ceiling {

    private Ceiling() {
    }

    static double messagesPerSecond(int n) {
        Transport ct = Transport.Factory.create();
        Transport st = Transport.Factory.create();
        Connection client = Connection.Factory.create();
        Connection server = Connection.Factory.create();
        Collector serverEvents = Collector.Factory.create();
        server.collect(serverEvents);
        ct.bind(client);
        st.bind(server);
        client.open();
        Session cs = client.session();
        cs.open();
        Sender sender = cs.sender("s");
        Target target = new Target();
        target.setAddress("q");
        sender.setTarget(target);
        sender.open();
        Message message = Message.of(Outgoing.KIB);
        pump(ct, st, server, serverEvents, null);
        long start = System.nanoTime();
        int received = 0;
        int sent = 0;
        while (received < n) {
            for (int i = 0; i < 100 && sent < n; i++, sent++) {
                byte[] bytes = MessageCodec.encode(message);
                Delivery d = sender.delivery(new byte[] {(byte) sent, (byte) (sent >> 8), (byte) (sent >> 16)});
                sender.send(bytes, 0, bytes.length);
                sender.advance();
                d.settle();
            }
            received += pump(ct, st, server, serverEvents, sender);
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Moves bytes both ways until quiet; answers the server side's events; returns messages received. */
    private static int pump(Transport ct, Transport st, Connection server, Collector events, Sender sender) {
        int received = 0;
        boolean moved = true;
        while (moved) {
            moved = move(ct, st) | move(st, ct);
            Event e;
            while ((e = events.peek()) != null) {
                switch (e.getType()) {
                    case CONNECTION_REMOTE_OPEN -> server.open();
                    case SESSION_REMOTE_OPEN -> e.getSession().open();
                    case LINK_REMOTE_OPEN -> {
                        Receiver r = (Receiver) e.getLink();
                        r.setTarget(r.getRemoteTarget());
                        r.open();
                        r.flow(1_000);
                    }
                    case DELIVERY -> {
                        Delivery d = e.getDelivery();
                        if (!d.isPartial()) {
                            Receiver r = (Receiver) d.getLink();
                            byte[] bytes = new byte[d.pending()];
                            r.recv(bytes, 0, bytes.length);
                            r.advance();
                            MessageCodec.decode(bytes, bytes.length);
                            d.disposition(Accepted.getInstance());
                            d.settle();
                            r.flow(1);
                            received++;
                        }
                    }
                    default -> { }
                }
                events.pop();
            }
        }
        return received;
    }

    private static boolean move(Transport from, Transport to) {
        int pending = from.pending();
        if (pending <= 0) {
            return false;
        }
        ByteBuffer head = from.head();
        int n = Math.min(head.remaining(), to.capacity());
        ByteBuffer tail = to.tail();
        ByteBuffer slice = head.duplicate();
        slice.limit(slice.position() + n);
        tail.put(slice);
        from.pop(n);
        to.process();
        return n > 0;
    }
}
