package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.metrics.InputMeters;
import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.MsgpackWriter;
import io.tributary.route.Routes;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running input and its memory buffer: records are appended to an open chunk per tag, sealed at
 * {@link #SEAL_BYTES} or at each flush tick, and handed to the matching outputs. Buffered bytes count until
 * every output is done with a chunk; at {@code Mem_Buf_Limit} the input is paused (never dropped) and resumed
 * when deliveries bring it back under.
 */
public final class InputInstance implements InputContext {
    /** Fluent Bit seals chunks at about 2 MB; outputs batch within a chunk, so this is also the flush unit. */
    static final int SEAL_BYTES = 2 * 1024 * 1024;
    private static final int INITIAL_CHUNK_BYTES = 64 * 1024;

    private final String name;
    private final String pluginName;
    private final InputPlugin plugin;
    private final String defaultTag;
    private final long memBufLimit;
    private final Pipeline pipeline;
    private final Parsers parsers;
    private final MeterRegistry registry;
    private final InputMeters meters;
    private final PluginLog log;
    private final FilterInstance excludedFilter;
    private final boolean tagConfigured;

    private final Map<String, OpenChunk> open = new HashMap<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicInteger openChunks = new AtomicInteger();
    private final AtomicInteger busyChunks = new AtomicInteger();
    private final AtomicLong busyBytes = new AtomicLong();
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private final Set<String> unroutedTagsLogged = ConcurrentHashMap.newKeySet();

    private static final class OpenChunk {
        final MsgpackWriter writer = new MsgpackWriter(INITIAL_CHUNK_BYTES);
        final long createdMillis = System.currentTimeMillis();
        int records;
    }

    InputInstance(String name, String pluginName, InputPlugin plugin, String defaultTag, long memBufLimit,
                  Pipeline pipeline, Parsers parsers, MeterRegistry registry, FilterInstance excludedFilter,
                  boolean tagConfigured) {
        this.name = name;
        this.pluginName = pluginName;
        this.plugin = plugin;
        this.defaultTag = defaultTag;
        this.memBufLimit = memBufLimit;
        this.pipeline = pipeline;
        this.parsers = parsers;
        this.registry = registry;
        this.meters = new InputMeters(registry, name, pluginName);
        this.log = PluginLog.of("input:" + pluginName + ":" + name);
        this.excludedFilter = excludedFilter;
        this.tagConfigured = tagConfigured;
    }

    @Override public String name() { return name; }
    @Override public String tag() { return defaultTag; }
    @Override public boolean tagConfigured() { return tagConfigured; }
    @Override public PluginLog log() { return log; }
    @Override public Parsers parsers() { return parsers; }
    @Override public MeterRegistry meters() { return registry; }
    @Override public boolean isPaused() { return paused; }
    @Override public void countError() { meters.error(); }
    @Override public void countDropped(String reason, long records) { meters.dropped(reason, records); }

    public String pluginName() { return pluginName; }
    InputPlugin plugin() { return plugin; }
    public InputMeters inputMeters() { return meters; }
    public long bufferedBytes() { return bufferedBytes.get(); }
    public long memBufLimit() { return memBufLimit; }
    /** Chunks still accepting records. */
    public int openChunks() { return openChunks.get(); }
    /** Sealed chunks handed to outputs and not yet released by all of them (Fluent Bit's "busy"). */
    public int busyChunks() { return busyChunks.get(); }
    public long busyBytes() { return busyBytes.get(); }

    @Override
    public void append(String tag, byte[] data, int offset, int length, int records) throws StoreException {
        if (records <= 0 || length <= 0) return;
        checkAccepting();
        meters.accepted(records, length);
        Routes.Route<FilterInstance, OutputInstance> route = pipeline.route(tag);
        if (hasFilters(route)) {
            List<LogEvent> events = decode(data, offset, offset + length);
            filterAndStore(tag, events, route);
            return;
        }
        store(tag, data, offset, length, records, route);
    }

    @Override
    public void append(String tag, ByteBuffer data, int records) throws StoreException {
        if (data.hasArray()) {
            append(tag, data.array(), data.arrayOffset() + data.position(), data.remaining(), records);
        } else {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            append(tag, copy, 0, copy.length, records);
        }
    }

    @Override
    public void append(String tag, LogEvent event) throws StoreException { append(tag, List.of(event)); }

    @Override
    public void append(String tag, List<LogEvent> events) throws StoreException {
        if (events.isEmpty()) return;
        checkAccepting();
        Routes.Route<FilterInstance, OutputInstance> route = pipeline.route(tag);
        MsgpackWriter w = new MsgpackWriter(256 * events.size());
        for (LogEvent e : events) w.event(e);
        meters.accepted(events.size(), w.size());
        if (hasFilters(route)) {
            filterAndStore(tag, new ArrayList<>(events), route);
        } else {
            store(tag, w.array(), 0, w.size(), events.size(), route);
        }
    }

    private boolean hasFilters(Routes.Route<FilterInstance, OutputInstance> route) {
        List<FilterInstance> fs = route.filters();
        return !fs.isEmpty() && !(fs.size() == 1 && fs.get(0) == excludedFilter);
    }

    private void checkAccepting() throws StoreException {
        if (!pipeline.accepting()) throw new StoreException("engine is shutting down; records not accepted");
    }

    private static List<LogEvent> decode(byte[] data, int from, int to) throws StoreException {
        List<LogEvent> events = new ArrayList<>();
        try {
            EventCursor c = new EventCursor(data, from, to);
            while (c.next()) events.add(c.decode());
        } catch (MalformedMsgpackException e) {
            throw new StoreException("malformed records: " + e.getMessage(), e);
        }
        return events;
    }

    private void filterAndStore(String tag, List<LogEvent> events, Routes.Route<FilterInstance, OutputInstance> route)
            throws StoreException {
        for (FilterInstance f : route.filters()) {
            if (f == excludedFilter) continue;
            f.apply(tag, events);
            if (events.isEmpty()) return;
        }
        MsgpackWriter w = new MsgpackWriter(256 * events.size());
        for (LogEvent e : events) w.event(e);
        store(tag, w.array(), 0, w.size(), events.size(), route);
    }

    private void store(String tag, byte[] data, int offset, int length, int records,
                       Routes.Route<FilterInstance, OutputInstance> route) {
        if (!route.hasOutputs()) {
            meters.dropped("no matching output", records);
            if (unroutedTagsLogged.size() < 1000 && unroutedTagsLogged.add(tag)) {
                log.warn("no output matches tag '" + tag + "'; its records are discarded");
            }
            return;
        }
        Chunk sealed = null;
        synchronized (open) {
            OpenChunk oc = open.get(tag);
            if (oc == null) {
                oc = new OpenChunk();
                open.put(tag, oc);
                openChunks.incrementAndGet();
            }
            oc.writer.raw(data, offset, length);
            oc.records += records;
            bufferedBytes.addAndGet(length);
            if (oc.writer.size() >= SEAL_BYTES) sealed = seal(tag, oc);
        }
        if (sealed != null) dispatch(sealed);
        if (memBufLimit > 0 && bufferedBytes.get() >= memBufLimit && !paused) pauseForMemory();
    }

    private Chunk seal(String tag, OpenChunk oc) {
        open.remove(tag);
        openChunks.decrementAndGet();
        busyChunks.incrementAndGet();
        busyBytes.addAndGet(oc.writer.size());
        return new Chunk(pipeline.nextChunkId(), tag, name, oc.writer.array(), oc.writer.size(), oc.records, oc.createdMillis);
    }

    private void dispatch(Chunk chunk) {
        List<OutputInstance> outputs = pipeline.route(chunk.tag()).outputs();
        if (outputs.isEmpty()) {
            released(chunk);
            return;
        }
        pipeline.dispatch(new Delivery(chunk, this, outputs.size()), outputs);
    }

    /** Seals every open chunk and hands it on (flush tick, pause, shutdown). */
    void sealAll() {
        List<Chunk> sealed = new ArrayList<>();
        synchronized (open) {
            for (Map.Entry<String, OpenChunk> e : new ArrayList<>(open.entrySet())) {
                if (e.getValue().records > 0) sealed.add(seal(e.getKey(), e.getValue()));
            }
        }
        for (Chunk c : sealed) dispatch(c);
    }

    private void pauseForMemory() {
        synchronized (pauseLock) {
            if (paused || bufferedBytes.get() < memBufLimit) return;
            paused = true;
            log.warn("paused (mem buf overlimit: " + bufferedBytes.get() + " bytes buffered, limit " + memBufLimit + ")");
            if (plugin != null) plugin.pause();
        }
        // What is buffered must move for the input to resume, so don't wait for the next tick.
        sealAll();
    }

    /** Every output is done with the chunk: its memory is free again. */
    void released(Chunk chunk) {
        busyChunks.decrementAndGet();
        busyBytes.addAndGet(-chunk.length());
        long now = bufferedBytes.addAndGet(-chunk.length());
        if (paused && now < memBufLimit) {
            synchronized (pauseLock) {
                if (!paused || bufferedBytes.get() >= memBufLimit) return;
                paused = false;
                log.info("resume (mem buf under limit: " + bufferedBytes.get() + " bytes buffered)");
                if (plugin != null) plugin.resume();
            }
        }
    }
}
