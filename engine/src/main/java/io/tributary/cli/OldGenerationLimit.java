package io.tributary.cli;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;

/**
 * Keeps the serial collector's old generation near what is live in it. The serial collector collects its old
 * generation only when the heap's maximum is reached: the maximum is a share of the container's memory (of the
 * host's, without a limit), so objects that outlived a young collection and then died (a flush's batches, a chunk
 * waiting out a throttle) piled up in it for hours, and the resident memory with them. Here, when the old generation
 * grows past {@link #GROWTH} times what the last full collection left (and past {@link #FLOOR_BYTES}), a full
 * collection runs: its cost is paid once per doubling, so under a steady load it is rare (a few tens of
 * milliseconds every few tens of seconds) and a growing backlog costs a few collections, not one per chunk.
 *
 * <p>Only the serial collector's pool ("Tenured Gen") is watched: other collectors, chosen with
 * {@code TRIBUTARY_JAVA_OPTS}, bound their heaps themselves. With {@code -XX:+DisableExplicitGC} nothing happens.
 */
final class OldGenerationLimit implements NotificationListener {
    static final String POOL = "Tenured Gen";
    static final long FLOOR_BYTES = 64L * 1024 * 1024;
    static final int GROWTH = 2;

    private final MemoryPoolMXBean pool;

    private OldGenerationLimit(MemoryPoolMXBean pool) { this.pool = pool; }

    /** Watches the serial old generation, if this JVM has one; returns whether it does. */
    static boolean install() {
        Optional<MemoryPoolMXBean> tenured = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && POOL.equals(p.getName()) && p.isUsageThresholdSupported())
                .findFirst();
        if (tenured.isEmpty()) return false;
        OldGenerationLimit limit = new OldGenerationLimit(tenured.get());
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(limit, null, null);
        limit.pool.setUsageThreshold(threshold(0, limit.pool.getUsage().getMax()));
        return true;
    }

    /** The old generation's use at which to collect, after a full collection left {@code liveBytes}. */
    static long threshold(long liveBytes, long maxBytes) {
        long t = Math.max(FLOOR_BYTES, liveBytes * GROWTH);
        return maxBytes > 0 ? Math.min(t, maxBytes) : t;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(n.getType())) return;
        MemoryNotificationInfo info = MemoryNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
        if (!POOL.equals(info.getPoolName())) return;
        System.gc();
        pool.setUsageThreshold(threshold(pool.getUsage().getUsed(), pool.getUsage().getMax()));
    }
}
