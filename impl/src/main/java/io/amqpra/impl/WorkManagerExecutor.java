package io.amqpra.impl;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.netty.util.concurrent.FastThreadLocal;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} whose threads come from the container's {@link WorkManager}. Tasks that
 * run for the adapter's whole life (event loops) carry the long-running hint where the container
 * supports it, so they do not take threads from the pool meant for short work.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;
    private final String name;
    private final boolean longRunning;

    WorkManagerExecutor(WorkManager workManager, BootstrapContext context, String name, boolean longRunning) {
        this.workManager = workManager;
        this.name = name;
        this.longRunning = longRunning && context.isContextSupported(HintsContext.class);
    }

    @Override
    public void execute(Runnable task) {
        Runnable clearing = () -> {
            try {
                task.run();
            } finally {
                // An event loop leaves Netty's thread-locals (its buffer caches among them) on the
                // container's thread; cleared, they no longer keep the adapter's classes alive once
                // the thread goes back to the container's pool.
                FastThreadLocal.removeAll();
            }
        };
        try {
            workManager.scheduleWork(DetachedWork.of(clearing, longRunning ? hints() : null));
        } catch (WorkException e) {
            throw MESSAGES.workRefused(name, e);
        }
    }

    /** Marks an event loop's work as long-running, so that it takes no thread of the short-work pool. */
    private List<WorkContext> hints() {
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }
}
