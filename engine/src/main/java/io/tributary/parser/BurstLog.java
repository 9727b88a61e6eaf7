package io.tributary.parser;

import io.tributary.spi.PluginLog;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a repeating problem once per burst: the first occurrence at once, then at most one line per interval
 * with the number of occurrences in between. A parser that meets a million bad timestamps must not write a
 * million log lines (Fluent Bit does, and it costs it several times the CPU of parsing).
 */
final class BurstLog {
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final PluginLog log;
    private final AtomicLong suppressed = new AtomicLong();
    private volatile long lastNanos = System.nanoTime() - INTERVAL_NANOS - 1;

    BurstLog(PluginLog log) { this.log = log; }

    void warn(String message) {
        long now = System.nanoTime();
        long last = lastNanos;
        if (now - last < INTERVAL_NANOS) {
            suppressed.incrementAndGet();
            return;
        }
        synchronized (this) {
            if (now - lastNanos < INTERVAL_NANOS) {
                suppressed.incrementAndGet();
                return;
            }
            lastNanos = now;
        }
        long skipped = suppressed.getAndSet(0);
        log.warn(skipped == 0 ? message : message + " (and " + skipped + " more like it since the last report)");
    }
}
