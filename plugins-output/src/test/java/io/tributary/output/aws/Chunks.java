package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** Builds chunks of encoded events for flushes. */
public final class Chunks {
    private static final AtomicLong IDS = new AtomicLong();

    private Chunks() {}

    public static Chunk of(String tag, List<LogEvent> events) {
        MsgpackWriter w = new MsgpackWriter(256 * events.size() + 16);
        for (LogEvent e : events) w.event(e);
        return new Chunk(IDS.incrementAndGet(), tag, "test.0", w.array(), w.size(), events.size(), System.currentTimeMillis());
    }

    /** {@code n} events whose bodies come from {@code body(i)}, at consecutive milliseconds from {@code start}. */
    public static Chunk of(String tag, int n, EventTime start, IntFunction<Map<String, Object>> body) {
        MsgpackWriter w = new MsgpackWriter(200 * n + 16);
        long base = start.seconds() * 1000 + start.nanos() / 1_000_000;
        for (int i = 0; i < n; i++) w.event(EventTime.ofMillis(base + i), Map.of(), body.apply(i));
        return new Chunk(IDS.incrementAndGet(), tag, "test.0", w.array(), w.size(), n, System.currentTimeMillis());
    }
}
