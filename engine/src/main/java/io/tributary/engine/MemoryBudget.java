package io.tributary.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Record bytes held in memory by all inputs together, against {@code storage.total_mem_limit}. Mem_Buf_Limit bounds
 * one input and is off by default, as in Fluent Bit; without a bound a burst into a slow output grows the buffer
 * until the JVM's heap is exhausted, and the process exits with every record it had acknowledged. At this budget
 * inputs pause instead (a forward client waits, a tail stops reading), and resume when deliveries bring the total
 * back under. By default the budget is 40% of the maximum heap: the rest holds the outputs' working copies (a flush's
 * entries, request bodies of up to 5 MB per call in flight), spare chunk arrays and the collector's room; with half,
 * a 128 MB heap still ran out under a throttled Kinesis stream.
 */
final class MemoryBudget {
    static final MemoryBudget UNLIMITED = new MemoryBudget(0);

    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();
    private final List<Runnable> releaseListeners = new CopyOnWriteArrayList<>();

    MemoryBudget(long limitBytes) { this.limitBytes = Math.max(0, limitBytes); }

    /** The value of {@code storage.total_mem_limit} that means 40% of the maximum heap. */
    static final long AUTO = -1;

    /** The limit a {@code storage.total_mem_limit} value stands for: AUTO, 0 for none, or bytes. */
    static long resolve(long setting, long maxHeapBytes) {
        if (setting != AUTO) return setting;
        return maxHeapBytes == Long.MAX_VALUE ? 0 : maxHeapBytes / 5 * 2;
    }

    long limitBytes() { return limitBytes; }

    long usedBytes() { return used.get(); }

    boolean overLimit() { return limitBytes > 0 && used.get() >= limitBytes; }

    /** Inputs paused at the budget are told when memory is released, to check whether they may resume. */
    void onRelease(Runnable listener) {
        if (limitBytes > 0) releaseListeners.add(listener);
    }

    void add(long deltaBytes) {
        long now = used.addAndGet(deltaBytes);
        // Every release while under the limit, not only the one that crosses it: an input that paused just as the
        // crossing release ran must still hear of a later one. The listeners return at once when not paused.
        if (deltaBytes < 0 && limitBytes > 0 && now < limitBytes) {
            for (Runnable r : releaseListeners) r.run();
        }
    }
}
