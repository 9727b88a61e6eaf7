package io.tributary.flush;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    @Test
    void delaysStayBetweenBaseAndTheCappedExponential() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(2000), new SplittableRandom(42));
        for (int attempt = 1; attempt <= 40; attempt++) {
            double upper = Math.min(2000, 5 * Math.pow(2, attempt));
            for (int i = 0; i < 200; i++) {
                double d = b.delay(attempt).toNanos() / 1e9;
                assertTrue(d >= 5 && d <= upper, "attempt " + attempt + ": " + d);
            }
        }
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeRange() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(100), new SplittableRandom(7));
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < 2000; i++) {
            double d = b.delay(3).toNanos() / 1e9;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min < 1.5, "min " + min);
        assertTrue(max > 7.5, "max " + max);
    }

    @Test
    void extremesOfTheRandomSourceHitTheBounds() {
        RandomGenerator zero = () -> 0L;
        RandomGenerator top = new RandomGenerator() {
            @Override public long nextLong() { return -1L; }
            @Override public double nextDouble() { return Math.nextDown(1.0); }
        };
        assertEquals(5.0, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), zero).delay(10).toNanos() / 1e9, 1e-6);
        assertEquals(60.0, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), top).delay(10).toNanos() / 1e9, 1e-6);
        assertEquals(10.0, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), top).delay(1).toNanos() / 1e9, 1e-6);
    }

    @Test
    void retryLimitPolicy() {
        assertTrue(new RetryPolicy(1).allows(1));
        assertTrue(!new RetryPolicy(1).allows(2));
        assertTrue(!new RetryPolicy(0).allows(1));
        assertTrue(RetryPolicy.UNLIMITED.allows(1_000_000));
    }
}
