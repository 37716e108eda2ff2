package io.amqpra.impl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.amqpra.impl.Await;
import io.amqpra.impl.LogLines;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoopWatchdogTest {

    @Test
    void aBlockedLoopIsReportedOnceWithItsStackAndClearedWhenItTurnsAgain() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        List<String> reports = new CopyOnWriteArrayList<>();
        LoopWatchdog watchdog = LoopWatchdog.start(group, 200, watcher, reports::add);
        CountDownLatch release = new CountDownLatch(1);
        try (LogLines log = LogLines.capture()) {
            EventLoop blocked = group.next();
            blocked.execute(() -> {
                try {
                    release.await(); // what a blocking call on a loop does
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until(() -> "the stuck loop reported, reports " + reports, Duration.ofSeconds(10),
                    () -> !reports.isEmpty() && last(reports) != null);
            assertTrue(last(reports).contains("has not turned for"), last(reports));
            Await.until(() -> "a warning with the stack, log " + log.lines(), Duration.ofSeconds(5),
                    () -> log.anyContains("AMQPRA0201", "CountDownLatch.await", "LoopWatchdogTest"));

            release.countDown();
            Await.until(() -> "cleared once it turns, reports " + reports, Duration.ofSeconds(10),
                    () -> last(reports) == null);
            Await.until(() -> "turns again, log " + log.lines(), Duration.ofSeconds(5),
                    () -> log.anyContains("AMQPRA0202"));
            assertEquals(1, log.lines().stream().filter(l -> l.contains("AMQPRA0201")).count(),
                    "one warning per stuck spell, however long it lasts");
        } finally {
            release.countDown();
            watchdog.stop();
            watcher.shutdown();
            assertTrue(watcher.awaitTermination(5, TimeUnit.SECONDS), "the watcher's thread is given back");
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void turningLoopsAreNeverReported() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        List<String> reports = new CopyOnWriteArrayList<>();
        LoopWatchdog watchdog = LoopWatchdog.start(group, 100, watcher, reports::add);
        try {
            Await.until(() -> "a few checks", Duration.ofSeconds(10), () -> reports.size() >= 10);
            assertTrue(reports.stream().allMatch(r -> r == null), reports.toString());
        } finally {
            watchdog.stop();
            watcher.shutdown();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String last(List<String> reports) {
        return reports.get(reports.size() - 1);
    }
}
