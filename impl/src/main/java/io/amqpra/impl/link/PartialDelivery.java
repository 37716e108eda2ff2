package io.amqpra.impl.link;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

/**
 * Reads the bytes of a delivery. A message that arrives whole, as small ones do, is copied once
 * into an array of its exact size. One that arrives in several transfer frames is gathered in the
 * delivery's context until its last frame is in, or until the sender aborts it.
 */
public final class PartialDelivery {

    private static final int READ_CHUNK = 4096;

    private PartialDelivery() {
    }

    /**
     * Reads what has arrived. Returns the whole message once its last frame is in, else
     * {@code null}; also {@code null} when the delivery's context already holds something else
     * (it was completed before).
     */
    public static byte[] read(Receiver receiver, Delivery delivery) {
        Object context = delivery.getContext();
        if (context == null && !delivery.isPartial()) {
            byte[] bytes = new byte[delivery.pending()];
            int n = receiver.recv(bytes, 0, bytes.length);
            return n == bytes.length ? bytes : Arrays.copyOf(bytes, Math.max(n, 0));
        }
        if (context != null && !(context instanceof ByteArrayOutputStream)) {
            return null;
        }
        ByteArrayOutputStream partial = (ByteArrayOutputStream) context;
        if (partial == null) {
            partial = new ByteArrayOutputStream(Math.max(delivery.pending(), 64));
            delivery.setContext(partial);
        }
        byte[] chunk = new byte[Math.max(READ_CHUNK, delivery.pending())];
        int n;
        while ((n = receiver.recv(chunk, 0, chunk.length)) > 0) {
            partial.write(chunk, 0, n);
        }
        return delivery.isPartial() ? null : partial.toByteArray();
    }

    /**
     * Discards a delivery that its sender aborted (AMQP 1.0, 2.6.14), if it is one. An aborted
     * delivery never completes: left alone it would stay the link's current delivery for good,
     * and every later one would queue behind it unread. So the bytes gathered so far are dropped,
     * the link moves past it, and it is settled, as the peer already settled it with the abort
     * (no disposition goes out). It used up a credit, which the caller gives back as for a
     * settled message.
     *
     * @return whether the delivery was aborted and is now discarded
     */
    public static boolean discardIfAborted(Receiver receiver, Delivery delivery) {
        if (!delivery.isAborted()) {
            return false;
        }
        delivery.setContext(null);
        if (receiver.current() == delivery) {
            receiver.advance(); // also frees the session's count of its unread bytes
        }
        delivery.settle();
        return true;
    }

    /** How many bytes of an unfinished delivery have been gathered so far. */
    public static int gathered(Delivery delivery) {
        return delivery.getContext() instanceof ByteArrayOutputStream partial ? partial.size() : 0;
    }
}
