package io.amqpra.impl.event;

import io.amqpra.api.event.AmqpEvent;
import io.amqpra.impl.link.SerialExecutor;
import io.amqpra.impl.log.AmqpLogger;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * Carries lifecycle events to the applications that use a connection factory or an activation.
 * Each application is known by its class loader and reached through its own CDI BeanManager,
 * both held weakly, so an undeployed application is neither notified nor retained. Events go
 * through one ordered queue per application on container threads: a slow or failing observer
 * holds up only its own application's events.
 */
public final class EventHub {

    private static final AmqpLogger LOG = AmqpLogger.of(EventHub.class);

    private final Executor threads;
    private final Map<ClassLoader, Subscriber> subscribers = new WeakHashMap<>();

    public EventHub(Executor threads) {
        this.threads = threads;
    }

    /** Subscribes the application whose code runs on this thread (its context class loader). */
    public void registerCaller() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            register(loader);
        }
    }

    /** Subscribes the application that {@code loader} belongs to, if it has CDI. */
    public void register(ClassLoader loader) {
        synchronized (subscribers) {
            if (subscribers.containsKey(loader)) {
                return;
            }
        }
        Object beanManager = CdiBridge.beanManagerOf(loader);
        synchronized (subscribers) {
            subscribers.put(loader, beanManager == null ? null
                    : new Subscriber(loader, beanManager, new SerialExecutor(threads)));
        }
    }

    /** Hands an event to every subscribed application. Any thread; returns at once. */
    public void fire(AmqpEvent event) {
        List<Subscriber> targets = new ArrayList<>();
        synchronized (subscribers) {
            for (Subscriber s : subscribers.values()) {
                if (s != null) {
                    targets.add(s);
                }
            }
        }
        for (Subscriber s : targets) {
            try {
                s.queue.execute(() -> s.deliver(event));
            } catch (RuntimeException e) {
                LOG.debugf(e, "Could not queue %s", event);
            }
        }
    }

    private final class Subscriber {
        private final WeakReference<ClassLoader> loader;
        /** Only touched on {@link #queue}, one task at a time. */
        private WeakReference<Object> beanManager;
        private final SerialExecutor queue;
        private boolean warned;

        Subscriber(ClassLoader loader, Object beanManager, SerialExecutor queue) {
            this.loader = new WeakReference<>(loader);
            this.beanManager = new WeakReference<>(beanManager);
            this.queue = queue;
        }

        void deliver(AmqpEvent event) {
            ClassLoader cl = loader.get();
            Object bm = cl == null ? null : beanManager(cl);
            if (bm == null) {
                return;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(cl);
            try {
                CdiBridge.fire(bm, event, this::failed);
            } catch (IllegalStateException e) {
                // The application is being undeployed: forget it.
                synchronized (subscribers) {
                    subscribers.remove(cl);
                }
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        /**
         * The application's BeanManager. Payara hands out a new proxy on every lookup, which
         * nothing else holds; once the collector took it, and while the application's class
         * loader lives, it is looked up again (WildFly's is held by the deployment).
         */
        private Object beanManager(ClassLoader cl) {
            Object bm = beanManager.get();
            if (bm == null) {
                bm = CdiBridge.beanManagerOf(cl);
                beanManager = new WeakReference<>(bm);
            }
            return bm;
        }

        private void failed(Throwable e) {
            if (!warned) {
                warned = true;
                LOG.observerFailed(e);
            } else {
                LOG.debugf(e, "An observer of adapter events failed");
            }
        }
    }
}
