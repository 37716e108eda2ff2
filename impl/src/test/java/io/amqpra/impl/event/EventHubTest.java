package io.amqpra.impl.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.api.event.ConnectionOpened;
import io.amqpra.impl.Await;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.CDIProvider;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events reach an application's observers through its BeanManager, however the container holds it. */
class EventHubTest {

    private final List<AmqpEvent> observed = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** CDI's API cannot unset a provider: leave one that finds no container, as the other tests expect. */
    @AfterEach
    void noCdiAgain() {
        CDI.setCDIProvider(() -> {
            throw new IllegalStateException("no CDI container");
        });
    }

    /**
     * Payara's CDI.current().getBeanManager() gives a new proxy each time, which nothing holds:
     * after a collection the hub must look it up again, not fall silent.
     */
    @Test
    void eventsStillArriveAfterTheCollectorTookAFreshBeanManagerProxy() {
        CDI.setCDIProvider(new FreshProxies());
        EventHub hub = new EventHub(Runnable::run);
        hub.register(getClass().getClassLoader());
        AtomicInteger fired = new AtomicInteger();

        Await.until(() -> "a second lookup after a collection; lookups " + lookups + ", fired " + fired
                + ", observed " + observed.size(), Duration.ofSeconds(30), () -> {
                    System.gc();
                    hub.fire(event(fired.incrementAndGet()));
                    return lookups.get() >= 2;
                });
        assertEquals(fired.get(), observed.size(), "every event fired reached the observer");
        assertTrue(observed.get(observed.size() - 1).toString().contains("c-" + fired.get()), observed.toString());
    }

    private static AmqpEvent event(int n) {
        return new ConnectionOpened(Instant.now(), "java:/amqp/Test", "c-" + n, "127.0.0.1:5672", "peer", false);
    }

    /** Each lookup of the BeanManager gives a new object, as Payara's does. */
    private final class FreshProxies implements CDIProvider {
        @Override
        public CDI<Object> getCDI() {
            return new FakeCdi();
        }
    }

    private BeanManager newBeanManager() {
        lookups.incrementAndGet();
        Event<?> bus = (Event<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "fire" -> {
                        observed.add((AmqpEvent) args[0]);
                        yield null;
                    }
                    case "fireAsync" -> CompletableFuture.completedFuture(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BeanManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BeanManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getEvent")) {
                        return bus;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Only getBeanManager() is used by the adapter. */
    private final class FakeCdi extends CDI<Object> {
        @Override
        public BeanManager getBeanManager() {
            return newBeanManager();
        }

        @Override
        public Instance<Object> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return true;
        }

        @Override
        public boolean isAmbiguous() {
            return false;
        }

        @Override
        public void destroy(Object instance) {
        }

        @Override
        public Handle<Object> getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<? extends Handle<Object>> handles() {
            return List.of();
        }

        @Override
        public Iterator<Object> iterator() {
            return List.of().iterator();
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }
    }
}
