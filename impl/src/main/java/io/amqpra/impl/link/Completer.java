package io.amqpra.impl.link;

import java.util.concurrent.CompletableFuture;

/**
 * Completes futures that application code may chain on, off the event loop. Completions gathered
 * during one pump are handed over in a single batch, in order.
 */
public interface Completer {

    <T> void complete(CompletableFuture<T> future, T value);

    void fail(CompletableFuture<?> future, Throwable error);
}
