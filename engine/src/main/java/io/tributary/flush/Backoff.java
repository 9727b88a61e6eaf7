package io.tributary.flush;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter between {@code scheduler.base} and {@code scheduler.cap}, as Fluent
 * Bit's scheduler: the n-th retry waits a random time in [base, min(cap, base * 2^n)]. Jitter spreads the
 * retries of many chunks so they don't hit a recovering service all at once.
 */
public final class Backoff {
    private final double baseSeconds;
    private final double capSeconds;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseSeconds = base.toNanos() / 1e9;
        this.capSeconds = Math.max(base.toNanos(), cap.toNanos()) / 1e9;
        this.random = random;
    }

    /** Delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        double exp = baseSeconds * Math.pow(2, Math.min(attempt, 62));
        double upper = Math.min(capSeconds, exp);
        double lower = Math.min(baseSeconds, upper);
        double seconds = upper > lower ? lower + random.nextDouble() * (upper - lower) : lower;
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    public Duration base() { return Duration.ofNanos((long) (baseSeconds * 1e9)); }
    public Duration cap() { return Duration.ofNanos((long) (capSeconds * 1e9)); }
}
