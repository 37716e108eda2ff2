package io.amqpra.impl.link;

import java.io.ByteArrayOutputStream;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

/**
 * Gathers the bytes of a delivery that arrives in several transfer frames. The buffer lives in the
 * delivery's context until the caller replaces it with the finished message.
 */
public final class PartialDelivery {

    private static final int READ_CHUNK = 4096;

    private PartialDelivery() {
    }

    /**
     * Appends what has arrived and returns everything gathered so far, or {@code null} if the
     * delivery's context already holds something else (it was completed before).
     */
    public static ByteArrayOutputStream readAvailable(Receiver receiver, Delivery delivery) {
        Object context = delivery.getContext();
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
        return partial;
    }
}
