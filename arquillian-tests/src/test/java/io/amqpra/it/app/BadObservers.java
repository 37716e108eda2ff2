package io.amqpra.it.app;

import io.amqpra.api.event.AmqpEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Observers an application should not write: one throws, one blocks for a second per event. */
@ApplicationScoped
public class BadObservers {

    public static final AtomicInteger CALLS = new AtomicInteger();

    void throwing(@Observes AmqpEvent event) {
        CALLS.incrementAndGet();
        throw new IllegalStateException("this observer always fails");
    }

    void slow(@ObservesAsync AmqpEvent event) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // a deliberately slow observer, not test timing
    }
}
