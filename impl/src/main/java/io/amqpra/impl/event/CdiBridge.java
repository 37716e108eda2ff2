package io.amqpra.impl.event;

import io.amqpra.api.event.AmqpEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The only class that touches CDI, so that the adapter runs without it (plain Java SE).
 */
final class CdiBridge {

    private static final Logger LOG = Logger.getLogger(CdiBridge.class);

    private CdiBridge() {
    }

    /** The BeanManager of the application {@code loader} belongs to, or {@code null}. */
    static Object beanManagerOf(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return CDI.current().getBeanManager();
        } catch (IllegalStateException | LinkageError e) {
            LOG.debugf(e, "No CDI container for %s: its application will not get adapter events", loader);
            return null; // no CDI here, or not for this application
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Fires to synchronous, then asynchronous observers; observer failures go to {@code failed}.
     *
     * @throws IllegalStateException if the application's container is gone
     */
    static void fire(Object beanManager, AmqpEvent event, Consumer<Throwable> failed) {
        Event<Object> bus =
                ((BeanManager) beanManager).getEvent();
        try {
            bus.fire(event);
        } catch (RuntimeException e) {
            failed.accept(e); // whatever an observer threw: it must not reach the adapter
        }
        bus.fireAsync(event).whenComplete((e, error) -> {
            if (error != null) {
                failed.accept(error);
            }
        });
    }
}
