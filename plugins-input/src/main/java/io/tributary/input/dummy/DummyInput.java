package io.tributary.input.dummy;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.StoreException;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates the configured record on its own thread. The record is encoded once; each generation copies it
 * and patches the 8 time bytes, so high rates (benchmarks) cost a memcpy per record. When the rate is above
 * what a timer can tick, the records due since the last tick are generated together.
 */
final class DummyInput implements InputPlugin {
    /** Offset of the EventTime payload in {@code [[time, meta], body]}: two fixarray bytes, fixext8 header, type. */
    private static final int TIME_OFFSET = 4;
    private static final long MIN_TICK_NANOS = 1_000_000L;
    private static final int MAX_BATCH = 10_000;

    private final DummySettings settings;
    private final byte[] template;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;

    DummyInput(DummySettings settings, Map<String, Object> body, Map<String, Object> metadata) {
        this.settings = settings;
        this.template = new MsgpackWriter(128).event(new EventTime(0, 0), metadata, body).toByteArray();
    }

    @Override
    public void start(InputContext context) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("input-" + context.name()).start(() -> run(context));
    }

    private void run(InputContext ctx) {
        long interval = settings.intervalNanos();
        long tick = Math.max(interval, MIN_TICK_NANOS);
        long generated = 0;
        long limit = settings.samples();
        EventTime first = null;
        long next = System.nanoTime() + (settings.flushOnStartup() ? 0 : tick);
        long due = 0;
        long periodStart = System.nanoTime();
        MsgpackWriter batch = new MsgpackWriter(template.length * 64);
        while (running && (limit <= 0 || generated < limit)) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (paused) {
                LockSupport.parkNanos(MIN_TICK_NANOS);
                next = System.nanoTime();
                periodStart = next;
                due = 0;
                continue;
            }
            long now = System.nanoTime();
            // How many generations are due since the period began, so the rate holds when ticks are coarser.
            long generations = interval >= MIN_TICK_NANOS ? 1 : Math.max(1, (now - periodStart) / interval - due);
            due += generations;
            long records = Math.min(generations * settings.copies(), MAX_BATCH);
            if (limit > 0) records = Math.min(records, limit - generated);
            EventTime t = settings.fixedStart() != null ? settings.fixedStart() : EventTime.now();
            if (settings.fixedTimestamp()) {
                if (first == null) first = t;
                t = first;
            }
            batch.reset();
            patchTime(t);
            for (long i = 0; i < records; i++) batch.raw(template, 0, template.length);
            try {
                ctx.append(ctx.tag(), batch.array(), 0, batch.size(), (int) records);
                generated += records;
            } catch (StoreException e) {
                if (running) ctx.log().warn("records not stored: " + e.getMessage());
            }
            next += tick;
            if (next < now - 1_000_000_000L) next = now; // fell far behind: don't try to catch up a backlog
        }
        if (limit > 0 && generated >= limit) ctx.log().info("generated all " + limit + " samples");
    }

    private void patchTime(EventTime t) {
        long s = t.seconds();
        int n = t.nanos();
        template[TIME_OFFSET] = (byte) (s >>> 24);
        template[TIME_OFFSET + 1] = (byte) (s >>> 16);
        template[TIME_OFFSET + 2] = (byte) (s >>> 8);
        template[TIME_OFFSET + 3] = (byte) s;
        template[TIME_OFFSET + 4] = (byte) (n >>> 24);
        template[TIME_OFFSET + 5] = (byte) (n >>> 16);
        template[TIME_OFFSET + 6] = (byte) (n >>> 8);
        template[TIME_OFFSET + 7] = (byte) n;
    }

    @Override public void pause() { paused = true; }

    @Override public void resume() { paused = false; }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
