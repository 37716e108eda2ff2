package io.amqpra.impl.outbound;

import io.amqpra.impl.transport.EventLoops;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The event loops of a connection factory that has no resource adapter to take them from: in
 * plain Java SE (non-managed mode), or in a server that never associated the factory with the
 * adapter. They start with the factory's first connection and stop when its last one is
 * destroyed, so no thread runs for nobody; their threads are named after the factory. Its
 * callback threads end on their own when idle.
 */
final class OwnLoops {

    private final Supplier<String> name;
    private final Executor callbacks;
    private EventLoops loops;
    private int connections;

    OwnLoops(Supplier<String> name) {
        this.name = name;
        this.callbacks = EventLoops.idleEndingThreads(name);
    }

    /** The loops a new connection runs on, started if none runs; give them back with {@link #release}. */
    synchronized EventLoops acquire() {
        if (loops == null) {
            loops = EventLoops.own(name, Math.max(1, Runtime.getRuntime().availableProcessors()), callbacks);
        }
        connections++;
        return loops;
    }

    /** A connection that ran on {@code used} is gone; the loops stop with the last one. */
    synchronized void release(EventLoops used) {
        if (used != loops || --connections > 0) {
            return;
        }
        loops = null;
        used.shutdownLater();
    }

    /** Where the factory's callbacks and events run: threads that end when idle. */
    Executor callbacks() {
        return callbacks;
    }
}
