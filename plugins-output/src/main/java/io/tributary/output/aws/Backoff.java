package io.tributary.output.aws;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: a delay drawn uniformly from [0, min(cap, base * 2^attempt)). Jitter spreads the
 * retries of concurrent senders so that they do not hit a throttled stream in lockstep.
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || cap.compareTo(base) < 0) throw new IllegalArgumentException("base " + base + ", cap " + cap);
    }

    public Duration delay(int attempt, RandomGenerator random) {
        long capNanos = cap.toNanos();
        long ceiling = base.toNanos();
        for (int i = 0; i < attempt && ceiling < capNanos; i++) ceiling <<= 1;
        ceiling = Math.min(ceiling, capNanos);
        return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling));
    }
}
