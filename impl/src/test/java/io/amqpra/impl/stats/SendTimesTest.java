package io.amqpra.impl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendTimesTest {

    @Test
    void everyTimeFallsInABucketWhoseBoundIsWithinAnEighthAboveIt() {
        int previous = -1;
        for (long micros = 0; micros < 1L << 40; micros = micros < 100 ? micros + 1 : micros + micros / 7) {
            int bucket = SendTimes.bucket(micros);
            assertTrue(bucket >= previous, "buckets grow with the time: " + micros);
            previous = bucket;
            long bound = SendTimes.upperBound(bucket);
            assertTrue(bound >= micros && bound <= micros + Math.max(1, micros / 8),
                    micros + " us in a bucket up to " + bound);
        }
    }

    @Test
    void percentilesComeFromTheRecordedTimes() {
        SendTimes times = new SendTimes();
        assertEquals(0, times.percentileMicros(50), "nothing recorded");
        for (int i = 1; i <= 100; i++) {
            times.record(TimeUnit.MILLISECONDS.toNanos(i)); // 1 ms .. 100 ms
        }
        long p50 = times.percentileMicros(50);
        long p99 = times.percentileMicros(99);
        assertTrue(p50 >= 50_000 && p50 <= 50_000 * 9 / 8, "median " + p50);
        assertTrue(p99 >= 99_000 && p99 <= 100_000, "99th percentile " + p99);
        assertEquals(100_000, times.maxMicros());
    }
}
