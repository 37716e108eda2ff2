package io.amqpra.impl.link;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import io.amqpra.impl.log.AmqpLogger;

/** Runs tasks one at a time, in submission order, on threads of another executor. */
public final class SerialExecutor implements Executor {

    private static final AmqpLogger LOG = AmqpLogger.of(SerialExecutor.class);

    private final Executor threads;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            threads.execute(this::drain);
        } catch (RuntimeException e) {
            // The container refused a thread. Completions must still happen: a caller waiting
            // for an outcome would otherwise wait forever.
            LOG.noCompletionThread(e);
            Thread fallback = new Thread(this::drain, "amqp-ra-callback-fallback");
            fallback.setDaemon(true);
            fallback.start();
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.completionCallbackFailed(e);
            }
        }
    }
}
