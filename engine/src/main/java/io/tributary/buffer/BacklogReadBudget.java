package io.tributary.buffer;

/**
 * Bounds the chunk bytes read back from disk and held at once ({@code storage.backlog.mem_limit}), so a large
 * backlog or many chunks kept down do not all come into memory together. One chunk is always let through, even
 * when it alone is over the limit, so progress never stops.
 */
public final class BacklogReadBudget {
    private final long limitBytes;
    private long inUse;

    public BacklogReadBudget(long limitBytes) { this.limitBytes = Math.max(1, limitBytes); }

    public synchronized void acquire(long bytes) throws InterruptedException {
        while (inUse > 0 && inUse + bytes > limitBytes) wait();
        inUse += bytes;
    }

    public synchronized void release(long bytes) {
        inUse -= bytes;
        notifyAll();
    }

    public synchronized long inUse() { return inUse; }
}
