package io.tributary.output.aws;

import java.time.Duration;

/**
 * How long one flush keeps retrying failed entries before it hands them back to the engine: at most
 * {@code maxAttempts} calls per batch, separated by full-jitter backoff; with {@code retryNetworkErrorAtOnce}
 * (Fluent Bit's {@code auto_retry_requests}) a call that failed on the network is repeated once without waiting.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, boolean retryNetworkErrorAtOnce) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)), true);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts " + maxAttempts);
    }
}
