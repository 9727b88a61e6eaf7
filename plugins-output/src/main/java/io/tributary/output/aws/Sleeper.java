package io.tributary.output.aws;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delays instead of waiting. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> { if (!d.isZero() && !d.isNegative()) Thread.sleep(d); };

    void sleep(Duration d) throws InterruptedException;
}
