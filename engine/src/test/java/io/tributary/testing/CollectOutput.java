package io.tributary.testing;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FlushResult;
import io.tributary.spi.Option;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test output {@code collect}: keeps every record it receives under its {@code Id}, so a test can assert on
 * exactly what reached an output. {@code Fail_First N} answers RETRY to the first N flushes; {@code Partial_First N}
 * then keeps half of a chunk's records and answers RETRY with the rest N times; {@code Delay_Ms} makes each flush
 * slow (backpressure tests).
 */
public final class CollectOutput implements OutputFactory {
    static final Option<String> ID = Option.string("id").defaultValue("default").doc("Collection to add records to.");
    static final Option<Integer> FAIL_FIRST = Option.integer("fail_first").defaultValue("0").doc("Flushes to answer RETRY first.");
    static final Option<Boolean> ALWAYS_FAIL = Option.bool("always_fail").defaultValue("off").doc("Answer RETRY to every flush.");
    static final Option<Integer> DELAY_MS = Option.integer("delay_ms").defaultValue("0").doc("Milliseconds each flush takes.");
    static final Option<Integer> PARTIAL_FIRST = Option.integer("partial_first").defaultValue("0")
            .doc("Flushes (after fail_first) that keep a chunk's even-numbered records and answer RETRY with the others.");

    /** One record as the output received it. */
    public record Received(String tag, LogEvent event) {}

    private static final Map<String, List<Received>> COLLECTED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FLUSHES = new ConcurrentHashMap<>();

    public static List<Received> events(String id) {
        List<Received> l = COLLECTED.get(id);
        if (l == null) return List.of();
        synchronized (l) {
            return new ArrayList<>(l);
        }
    }

    public static int count(String id) {
        List<Received> l = COLLECTED.get(id);
        if (l == null) return 0;
        synchronized (l) {
            return l.size();
        }
    }

    public static int flushes(String id) {
        AtomicInteger n = FLUSHES.get(id);
        return n == null ? 0 : n.get();
    }

    public static void clear(String id) {
        COLLECTED.remove(id);
        FLUSHES.remove(id);
    }

    @Override public String name() { return "collect"; }

    @Override public String description() { return "Test output that keeps every record it receives."; }

    @Override public ConfigSpec spec() { return ConfigSpec.of(ID, FAIL_FIRST, ALWAYS_FAIL, DELAY_MS, PARTIAL_FIRST); }

    @Override
    public OutputPlugin create(PluginConfig c, PluginEnvironment env) {
        String id = c.get(ID);
        int failFirst = c.get(FAIL_FIRST);
        boolean alwaysFail = c.get(ALWAYS_FAIL);
        int delay = c.get(DELAY_MS);
        int partialFirst = c.get(PARTIAL_FIRST);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger partials = new AtomicInteger();
        return new OutputPlugin() {
            @Override public FlushResult flush(Chunk chunk) throws InterruptedException {
                FLUSHES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (delay > 0) Thread.sleep(delay);
                if (alwaysFail || failures.getAndIncrement() < failFirst) return FlushResult.retry("told to fail");
                List<Received> l = COLLECTED.computeIfAbsent(id, k -> new ArrayList<>());
                if (chunk.recordCount() > 1 && partials.getAndIncrement() < partialFirst) return keepEven(chunk, l);
                List<LogEvent> events = chunk.decodeAll();
                synchronized (l) {
                    for (LogEvent e : events) l.add(new Received(chunk.tag(), e));
                }
                return FlushResult.ok();
            }
        };
    }

    /** Keeps the even-numbered records; the others are to be retried, as a subset of the chunk. */
    private static FlushResult keepEven(Chunk chunk, List<Received> into) {
        int[] starts = new int[chunk.recordCount()];
        int[] ends = new int[chunk.recordCount()];
        int odd = 0;
        List<Received> kept = new ArrayList<>();
        EventCursor c = chunk.cursor();
        for (int i = 0; c.next(); i++) {
            if (i % 2 == 0) {
                kept.add(new Received(chunk.tag(), c.decode()));
            } else {
                starts[odd] = c.eventStart();
                ends[odd++] = c.eventEnd();
            }
        }
        synchronized (into) {
            into.addAll(kept);
        }
        return FlushResult.retry(chunk.subset(starts, ends, odd), List.of(), "told to keep half");
    }
}
