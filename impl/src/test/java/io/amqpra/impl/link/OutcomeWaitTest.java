package io.amqpra.impl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OutcomeWaitTest {

    private final OutcomeWait wait = new OutcomeWait();

    @Test
    void anOutcomeThatComesWhileTheCallerSpinsOrParksIsReturned() throws Exception {
        for (int i = 0; i < 100; i++) { // fast outcomes first (spinning), then slow ones (parking)
            CompletableFuture<String> outcome = new CompletableFuture<>();
            long delayMillis = i < 50 ? 0 : 2;
            CompletableFuture.runAsync(() -> outcome.complete("accepted #" + outcome.hashCode()),
                    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
            assertEquals("accepted #" + outcome.hashCode(), wait.await(outcome, 5_000));
        }
    }

    @Test
    void aFailureReachesTheCaller() {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        IllegalStateException lost = new IllegalStateException("connection lost");
        CompletableFuture.runAsync(() -> outcome.completeExceptionally(lost));
        ExecutionException e = assertThrows(ExecutionException.class, () -> wait.await(outcome, 5_000));
        assertSame(lost, e.getCause());
    }

    @Test
    void noOutcomeWithinTheTimeoutIsATimeout() {
        assertThrows(TimeoutException.class, () -> wait.await(new CompletableFuture<String>(), 20));
    }
}
