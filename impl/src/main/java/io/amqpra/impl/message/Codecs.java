package io.amqpra.impl.message;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;

/**
 * Proton-J encoders and decoders for messages, lent to any thread that encodes or decodes one.
 * Not thread-locals, as Proton-J's own {@code MessageImpl} keeps them: a container thread that
 * held one would keep the adapter's class loader alive after an undeploy. A few idle ones are
 * kept here instead, in the adapter's own class, which goes away with it.
 */
final class Codecs {

    /** A registered encoder and decoder pair; one thread at a time. */
    record Codec(EncoderImpl encoder, DecoderImpl decoder) {
    }

    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors() + 2;
    private static final ConcurrentLinkedQueue<Codec> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    private Codecs() {
    }

    static Codec take() {
        Codec codec = IDLE.poll();
        if (codec == null) {
            DecoderImpl decoder = new DecoderImpl();
            EncoderImpl encoder = new EncoderImpl(decoder);
            AMQPDefinedTypes.registerAllTypes(decoder, encoder);
            return new Codec(encoder, decoder);
        }
        IDLE_COUNT.decrementAndGet();
        return codec;
    }

    /** Gives a codec back, its buffers cleared; beyond a few idle ones, it is dropped. */
    static void give(Codec codec) {
        codec.encoder().setByteBuffer((java.nio.ByteBuffer) null);
        codec.decoder().setByteBuffer(null);
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offer(codec);
        } else {
            IDLE_COUNT.decrementAndGet();
        }
    }
}
