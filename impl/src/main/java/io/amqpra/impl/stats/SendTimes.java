package io.amqpra.impl.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times from a send to its outcome, as a histogram with fixed buckets: exact below 16 µs, then
 * eight buckets per power of two (within 12.5 %). Recording is one atomic increment, with no
 * lock and no allocation; percentiles are read from the buckets.
 */
final class SendTimes {

    private static final int EXACT = 16;
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    /** Up to 2^42 µs (about 51 days), far beyond any send timeout. */
    private static final int MAX_EXPONENT = 42;
    private static final int BUCKETS = EXACT + (MAX_EXPONENT - 4 + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        counts.incrementAndGet(bucket(micros));
        if (micros > max.get()) {
            max.accumulateAndGet(micros, Math::max);
        }
    }

    long maxMicros() {
        return max.get();
    }

    /** The time under which {@code percent} of the sends got their outcome, in µs; 0 if none. */
    long percentileMicros(double percent) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= Math.max(1, rank)) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }

    static int bucket(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(micros), MAX_EXPONENT);
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB - 1);
        if (exponent == MAX_EXPONENT && 63 - Long.numberOfLeadingZeros(micros) > MAX_EXPONENT) {
            sub = SUB - 1;
        }
        return EXACT + (exponent - 4) * SUB + sub;
    }

    /** The largest time, in µs, that falls in bucket {@code i}. */
    static long upperBound(int i) {
        if (i < EXACT) {
            return i;
        }
        int exponent = 4 + (i - EXACT) / SUB;
        int sub = (i - EXACT) % SUB;
        long low = (1L << exponent) + ((long) sub << (exponent - SUB_BITS));
        return low + (1L << (exponent - SUB_BITS)) - 1;
    }
}
