package io.tributary.input.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An in-memory InputContext for plugin tests until the engine's lands: keeps every appended event (decoded
 * and validated from the bytes, so a malformed append fails the test), the counters, and the append calls.
 */
public final class RecordingInputContext implements InputContext {
    private final String name;
    private final String tag;
    private final Parsers parsers;
    private final List<LogEvent> events = new ArrayList<>();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final PluginLog log;
    private volatile java.util.concurrent.CountDownLatch gate;

    public RecordingInputContext(String name, String tag, Parsers parsers) {
        this.name = name;
        this.tag = tag;
        this.parsers = parsers;
        this.log = PluginLog.of("input:test:" + name);
    }

    public RecordingInputContext() { this("test.0", "test", Parsers.none()); }

    @Override public String name() { return name; }
    @Override public String tag() { return tag; }
    @Override public PluginLog log() { return log; }

    /** Makes appends block until {@link #unblockAppends()}, as a store that cannot keep up would. */
    public void blockAppends() { gate = new java.util.concurrent.CountDownLatch(1); }

    public void unblockAppends() {
        java.util.concurrent.CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    @Override public void append(String tag, byte[] data, int offset, int length, int records) throws StoreException {
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted");
            }
        }
        List<LogEvent> decoded = new ArrayList<>();
        EventCursor c = new EventCursor(data, offset, offset + length);
        while (c.next()) decoded.add(c.decode());
        if (decoded.size() != records) {
            throw new AssertionError("append said " + records + " records but the bytes hold " + decoded.size());
        }
        synchronized (this) {
            events.addAll(decoded);
        }
        appends.incrementAndGet();
    }

    @Override public void append(String tag, ByteBuffer data, int records) throws StoreException {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        append(tag, b, 0, b.length, records);
    }

    @Override public synchronized void append(String tag, LogEvent event) { events.add(event); appends.incrementAndGet(); }

    @Override public synchronized void append(String tag, List<LogEvent> list) { events.addAll(list); appends.incrementAndGet(); }

    @Override public boolean isPaused() { return false; }
    @Override public void countError() { errors.incrementAndGet(); }
    @Override public void countDropped(String reason, long records) {
        dropped.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(records);
    }
    @Override public Parsers parsers() { return parsers; }
    @Override public MeterRegistry meters() { return meters; }

    public synchronized List<LogEvent> events() { return new ArrayList<>(events); }
    public synchronized int count() { return events.size(); }
    public long errors() { return errors.get(); }
    public long dropped(String reason) { AtomicLong n = dropped.get(reason); return n == null ? 0 : n.get(); }
    public long appendCalls() { return appends.get(); }

    /** Waits for a condition with a deadline; fails naming what it waited for (the engine's Await). */
    public static void await(long millis, String what, BooleanSupplier done) {
        io.tributary.testing.Await.until(java.time.Duration.ofMillis(millis), what, done);
    }
}
