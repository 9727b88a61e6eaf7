package io.tributary.filter.throttle;

/**
 * Fluent Bit's throttle window: {@code size} panes, one per interval. A record passes while the average per
 * pane (all panes' counts over {@code size}) is below the rate, and is then counted in the current pane; each
 * tick of the interval starts a new pane and forgets the oldest. Thread-safe.
 */
final class SlidingWindow {
    private final long[] panes;
    private int current;
    private long total;

    SlidingWindow(int size) { this.panes = new long[size]; }

    synchronized boolean tryAcquire(double rate) {
        if ((double) total / panes.length >= rate) return false;
        panes[current]++;
        total++;
        return true;
    }

    synchronized void tick() {
        current = (current + 1) % panes.length;
        total -= panes[current];
        panes[current] = 0;
    }

    synchronized double averagePerPane() { return (double) total / panes.length; }
}
