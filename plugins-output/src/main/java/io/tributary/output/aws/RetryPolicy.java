package io.tributary.output.aws;

import java.time.Duration;

/**
 * How long one flush keeps retrying failed entries before it hands them back to the engine: at most
 * {@code maxAttempts} calls per batch, separated by full-jitter backoff.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts " + maxAttempts);
    }
}
