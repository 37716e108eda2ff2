package io.amqpra.impl.link;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

/**
 * Reads the bytes of a delivery. A message that arrives whole, as small ones do, is copied once
 * into an array of its exact size. One that arrives in several transfer frames is gathered in the
 * delivery's context until its last frame is in.
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

    /** How many bytes of an unfinished delivery have been gathered so far. */
    public static int gathered(Delivery delivery) {
        return delivery.getContext() instanceof ByteArrayOutputStream partial ? partial.size() : 0;
    }
}
