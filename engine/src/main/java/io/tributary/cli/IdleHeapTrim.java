package io.tributary.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives memory back once the engine goes quiet after start-up or after a burst. The serial collector only shrinks
 * its heap after a full collection, and a burst leaves the heap grown (to 150 MB and more after a few million
 * records), spare chunk arrays held (up to 32 MB) and the old generation full of dead chunks until the next full
 * collection, which an idle engine never reaches: its RSS stayed at the burst's level for good.
 *
 * <p>Every {@link #PERIOD_SECONDS} seconds it looks at the collectors' count. A period without a collection means
 * little is being allocated (the young generation, 8 MB or more, did not fill): if a collection ran since the last
 * trim (or there was none yet), the trim runs once: it drops the spare chunk arrays and runs full collections
 * until the serial old generation is within {@code MaxHeapFreeRatio} of what is live or at its initial size, at
 * most {@link #MAX_COLLECTIONS}: the serial collector shrinks in steps (0%, 10%, 40%, then all of the excess over
 * successive full collections). Turning the steps off for good ({@code -XX:-ShrinkHeapInSteps}) did the same in
 * one collection but also shrank the heap after every full collection under load, and forward to kinesis lost
 * 15-30% of its records/s to growing it again. Under load collections never stop, so the trim never runs; after a
 * burst it runs once, its pauses proportional to what is still buffered. {@code -XX:+DisableExplicitGC} turns the
 * collections off.
 */
final class IdleHeapTrim {
    static final long PERIOD_SECONDS = 5;
    static final int MAX_COLLECTIONS = 4;

    private final LongSupplier collections;
    private final Runnable trim;
    private long seen = -1;
    private long afterLastTrim = -1;

    IdleHeapTrim(LongSupplier collections, Runnable trim) {
        this.collections = collections;
        this.trim = trim;
    }

    /** Checks every {@link #PERIOD_SECONDS} seconds on a daemon thread of its own, until the JVM exits. */
    static void start(Runnable releaseSpares) {
        IdleHeapTrim t = new IdleHeapTrim(IdleHeapTrim::collectionCount, () -> {
            releaseSpares.run();
            collectUntilShrunk();
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "tributary-idle-trim");
            th.setDaemon(true);
            return th;
        });
        timer.scheduleWithFixedDelay(t::check, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs the trim if no collection ran since the last check and one ran since the last trim; returns whether. */
    boolean check() {
        long now = collections.getAsLong();
        boolean quiet = now == seen;
        seen = now;
        if (!quiet || now == afterLastTrim) return false;
        trim.run();
        afterLastTrim = seen = collections.getAsLong();
        return true;
    }

    private static void collectUntilShrunk() {
        Optional<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> OldGenerationLimit.POOL.equals(p.getName())).findFirst();
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            if (old.isEmpty()) return;
            MemoryUsage u = old.get().getUsage();
            // MaxHeapFreeRatio is 20 with the launcher's options: a quarter free means nothing left to give back.
            if (u.getCommitted() <= u.getInit() || u.getCommitted() - u.getUsed() <= u.getCommitted() / 4) return;
        }
    }

    static long collectionCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, gc.getCollectionCount());
        return n;
    }
}
