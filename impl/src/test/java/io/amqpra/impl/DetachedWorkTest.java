package io.amqpra.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a container thread keeps of the adapter's work after it ran: nothing that holds the
 * adapter's class loader. A WildFly thread keeps the first task it ran for as long as it lives,
 * so anything more would keep an undeployed adapter loaded.
 */
class DetachedWorkTest {

    /** Makes and runs a work the way the adapter does; loaded by the stand-in adapter loader. */
    public static final class Maker implements Supplier<Object> {
        @Override
        public Object get() {
            Work work = DetachedWork.of(new AtomicInteger()::incrementAndGet, null);
            work.run();
            return work;
        }
    }

    /** The adapter's class loader as a server gives it: its own copy of the adapter's classes. */
    private static final class AdapterLoader extends URLClassLoader {
        AdapterLoader(URL[] urls) {
            super(urls, DetachedWorkTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.amqpra.impl.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }

    private static URL where(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    }

    @Test
    void aWorkThatRanKeepsNothingOfTheAdaptersClassLoader() throws Exception {
        URLClassLoader adapter = new AdapterLoader(new URL[] {where(DetachedWork.class), where(Maker.class)});
        @SuppressWarnings("unchecked")
        Supplier<Object> maker = (Supplier<Object>) adapter.loadClass(Maker.class.getName())
                .getDeclaredConstructor().newInstance();
        Object kept = maker.get();
        assertTrue(maker.getClass().getClassLoader() == adapter, "the maker is the stand-in adapter's own");
        WeakReference<ClassLoader> loader = new WeakReference<>(adapter);
        adapter.close();
        adapter = null;
        maker = null;
        Await.until("the adapter's class loader to be collected while its work is still held", Duration.ofSeconds(10),
                () -> {
                    System.gc();
                    return loader.get() == null;
                });
        assertNotNull(kept.toString());
    }

    @Test
    void aTaskThatThrowsLeavesTheContainerThreadAndTheWorkClean() {
        Work work = DetachedWork.of(() -> {
            throw new IllegalStateException("boom");
        }, null);
        work.run(); // logged (AMQPRA0172), not kept: the container thread goes on
        assertTrue(work.toString().contains("Completed normally"), work.toString());
    }

    @Test
    void itRunsItsTaskOnceAndGivesItsContexts() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HintsContext hints = new HintsContext();
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        Work work = DetachedWork.of(runs::incrementAndGet, List.of(hints));
        work.run();
        work.run();
        work.release();
        assertEquals(1, runs.get());
        assertTrue(work instanceof WorkContextProvider);
        List<WorkContext> contexts = ((WorkContextProvider) work).getWorkContexts();
        assertEquals(List.of(hints), contexts);
        assertEquals(System.identityHashCode(work), work.hashCode());
        assertTrue(work.equals(work), "a work equals itself");
        assertTrue(!work.equals(DetachedWork.of(runs::incrementAndGet, null)), "and no other");
        assertTrue(!(DetachedWork.of(runs::incrementAndGet, null) instanceof WorkContextProvider));
    }
}
