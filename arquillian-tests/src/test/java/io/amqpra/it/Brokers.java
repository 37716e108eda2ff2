package io.amqpra.it;

import io.amqpra.impl.broker.TestBroker;

/**
 * The test JVM's brokers, started on first use so that a {@code @Deployment} method can already
 * write their ports into a descriptor.
 */
public final class Brokers {

    private static TestBroker primary;
    private static TestBroker secondary;

    private Brokers() {
    }

    public static synchronized TestBroker primary() throws Exception {
        if (primary == null) {
            primary = TestBroker.start();
        }
        return primary;
    }

    public static synchronized TestBroker secondary() throws Exception {
        if (secondary == null) {
            secondary = TestBroker.start();
        }
        return secondary;
    }

    public static synchronized void stopAll() throws Exception {
        for (TestBroker b : new TestBroker[] {primary, secondary}) {
            if (b != null) {
                b.close();
            }
        }
        primary = null;
        secondary = null;
    }
}
