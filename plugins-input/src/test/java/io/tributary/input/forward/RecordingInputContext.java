package io.tributary.input.forward;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory stand-in for the engine's input context: it keeps every appended event (decoded, with its tag),
 * the raw bytes of each append, log lines and the error count. {@link #onAppend} lets a test delay or fail appends.
 */
final class RecordingInputContext implements InputContext {
    record Received(String tag, LogEvent event) {}

    /** Runs before each append is accepted; may block (a slow engine) or throw (storage failing). */
    interface AppendHook { void beforeAppend(String tag, int records) throws StoreException; }

    private final String name;
    private final String tag;
    private final List<Received> events = new ArrayList<>();
    private final List<byte[]> appends = new ArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicLong appendCalls = new AtomicLong();
    volatile AppendHook onAppend = (t, n) -> {};
    /** False to only validate and count (for floods that would not fit in memory as objects). */
    volatile boolean keepEvents = true;
    final AtomicLong recordCount = new AtomicLong();
    /** True to take the records' word for it: counts only, for measuring the input alone. */
    volatile boolean countOnly;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    RecordingInputContext() { this("forward.0", "forward.0"); }

    RecordingInputContext(String name, String tag) {
        this.name = name;
        this.tag = tag;
    }

    @Override public String name() { return name; }
    @Override public String tag() { return tag; }
    @Override public boolean tagConfigured() { return !tag.equals(name); }

    @Override
    public PluginLog log() {
        return new PluginLog() {
            @Override public void error(String m) { logLines.add("error " + m); }
            @Override public void error(String m, Throwable c) { logLines.add("error " + m + ": " + c); }
            @Override public void warn(String m) { logLines.add("warn " + m); }
            @Override public void info(String m) { logLines.add("info " + m); }
            @Override public void debug(String m) { logLines.add("debug " + m); }
            @Override public void trace(String m) {}
            @Override public boolean isDebugEnabled() { return true; }
        };
    }

    @Override
    public void append(String tag, byte[] data, int offset, int length, int records) throws StoreException {
        onAppend.beforeAppend(tag, records);
        if (countOnly) {
            recordCount.addAndGet(records);
            return;
        }
        if (!keepEvents) {
            int n = EventCursor.count(data, offset, offset + length);
            if (n != records) throw new AssertionError("append said " + records + " records, data holds " + n);
            recordCount.addAndGet(n);
            appendCalls.incrementAndGet();
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        EventCursor c = new EventCursor(copy, 0, length);
        List<Received> got = new ArrayList<>(records);
        while (c.next()) got.add(new Received(tag, c.decode()));
        if (got.size() != records) throw new AssertionError("append said " + records + " records, data holds " + got.size());
        synchronized (this) {
            events.addAll(got);
            appends.add(copy);
        }
        recordCount.addAndGet(got.size());
        appendCalls.incrementAndGet();
    }

    @Override
    public void append(String tag, ByteBuffer data, int records) throws StoreException {
        byte[] b = new byte[data.remaining()];
        data.duplicate().get(b);
        append(tag, b, 0, b.length, records);
    }

    @Override
    public void append(String tag, LogEvent event) throws StoreException { append(tag, List.of(event)); }

    @Override
    public void append(String tag, List<LogEvent> list) throws StoreException {
        MsgpackWriter w = new MsgpackWriter();
        for (LogEvent e : list) w.event(e);
        append(tag, w.array(), 0, w.size(), list.size());
    }

    @Override public boolean isPaused() { return false; }
    @Override public void countError() { errors.incrementAndGet(); }
    @Override public void countDropped(String reason, long records) { logLines.add("dropped " + reason + " " + records); }
    @Override public Parsers parsers() { return Parsers.none(); }
    @Override public MeterRegistry meters() { return meters; }

    synchronized List<Received> events() { return new ArrayList<>(events); }

    synchronized int count() { return events.size(); }

    synchronized List<byte[]> appends() { return new ArrayList<>(appends); }

    boolean logged(String fragment) {
        for (String l : logLines) if (l.contains(fragment)) return true;
        return false;
    }
}
