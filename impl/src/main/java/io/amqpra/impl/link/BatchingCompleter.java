package io.amqpra.impl.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Gathers completions on the event loop and runs them as one task on the completion executor,
 * so a burst of outcomes costs one hand-off, and no user callback runs on the loop. Tasks run one
 * after the other, so outcomes of one connection complete in the order they arrived.
 */
public final class BatchingCompleter implements Completer {

    private final SerialExecutor executor;
    private List<Runnable> batch = new ArrayList<>();

    public BatchingCompleter(Executor executor) {
        this.executor = new SerialExecutor(executor);
    }

    @Override
    public <T> void complete(CompletableFuture<T> future, T value) {
        batch.add(() -> future.complete(value));
    }

    @Override
    public void fail(CompletableFuture<?> future, Throwable error) {
        batch.add(() -> future.completeExceptionally(error));
    }

    /** Hands the gathered completions over. Call on the loop at the end of a pump. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<Runnable> ready = batch;
        batch = new ArrayList<>();
        executor.execute(() -> {
            for (Runnable r : ready) {
                r.run();
            }
        });
    }
}
