package io.tributary.input.syslog;

import io.tributary.spi.PluginLog;

/**
 * Logs a recurring problem once per burst: the first occurrence at once, then at most one line per interval
 * that says how many more happened. A flood of bad frames must not become a flood of log lines.
 */
final class BurstLog {
    private final PluginLog log;
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    BurstLog(PluginLog log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    synchronized void warn(String message) {
        long now = System.nanoTime();
        if (logged && now - lastNanos < intervalNanos) {
            suppressed++;
            return;
        }
        String more = suppressed > 0 ? " (" + suppressed + " more like this since the last report)" : "";
        log.warn(message + more);
        logged = true;
        lastNanos = now;
        suppressed = 0;
    }
}
