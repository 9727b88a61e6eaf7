package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.buffer.ChunkFile;
import io.tributary.buffer.FileStorage;
import io.tributary.buffer.StoredChunk;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running input and its buffer: records are appended to an open chunk per tag, sealed at {@link #SEAL_BYTES}
 * or at each flush tick, and handed to the matching outputs. With {@code storage.type filesystem} every append is
 * also written to the chunk's file before it returns, and at most {@code storage.max_chunks_up} chunks keep their
 * records in memory; the others are "down" (on disk only) and read back when flushed. Buffered memory counts until
 * every output is done with a chunk; at {@code Mem_Buf_Limit} (or, with {@code storage.pause_on_chunks_overlimit},
 * at max_chunks_up) the input is paused (never dropped) and resumed when deliveries bring it back under.
 */
public final class InputInstance implements InputContext {
    /** Fluent Bit seals chunks at about 2 MB; outputs batch within a chunk, so this is also the flush unit. */
    static final int SEAL_BYTES = 2 * 1024 * 1024;
    private static final int INITIAL_CHUNK_BYTES = 64 * 1024;
    private static final long STORE_ERROR_LOG_NANOS = 5_000_000_000L;
    /** Busy tags remembered for {@link #sizeHints}; beyond this many the hints start over (tags can be unbounded). */
    private static final int MAX_SIZE_HINTS = 1024;

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
    /** Null for memory storage. */
    private final FileStorage storage;
    private final boolean pauseOnChunksOverlimit;

    /** Insertion-ordered, so a tick seals (and outputs receive) chunks in the order they were opened. */
    private final Map<String, OpenChunk> open = new LinkedHashMap<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicInteger chunksUp = new AtomicInteger();
    private final AtomicInteger chunksDown = new AtomicInteger();
    private final AtomicLong downBytes = new AtomicLong();
    private final AtomicInteger openChunks = new AtomicInteger();
    private final AtomicInteger busyChunks = new AtomicInteger();
    private final AtomicLong busyBytes = new AtomicLong();
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private final Set<String> unroutedTagsLogged = ConcurrentHashMap.newKeySet();
    private final Object storeErrorLock = new Object();
    private long lastStoreErrorLogNanos;
    private long storeErrorsSinceLog;

    /**
     * For each tag whose last chunk was sealed because it was full, that chunk's size. Its next chunk starts at
     * that capacity (plus an eighth for a last append past the seal size) instead of growing from 64 KB by
     * copying nine times: at 1.6M records/s the copies were a quarter of the forward input's CPU (JFR). Quiet
     * tags, sealed by the flush tick, keep starting small. Guarded by {@link #open}.
     */
    private final Map<String, Integer> sizeHints = new HashMap<>();

    private static final class OpenChunk {
        /** Null when the chunk is kept down: its records are only in {@link #file}. */
        final MsgpackWriter writer;
        /** Null for memory storage. */
        final ChunkFile file;
        final long createdMillis = System.currentTimeMillis();
        int records;
        long bytes;

        OpenChunk(MsgpackWriter writer, ChunkFile file) {
            this.writer = writer;
            this.file = file;
        }
    }

    /** A chunk just sealed, to be dispatched outside the open-chunk lock. */
    private record Sealed(Chunk memory, StoredChunk stored) {}

    InputInstance(String name, String pluginName, InputPlugin plugin, String defaultTag, long memBufLimit,
                  Pipeline pipeline, Parsers parsers, MeterRegistry registry, FilterInstance excludedFilter,
                  boolean tagConfigured) {
        this(name, pluginName, plugin, defaultTag, memBufLimit, pipeline, parsers, registry, excludedFilter, tagConfigured,
                null, false);
    }

    InputInstance(String name, String pluginName, InputPlugin plugin, String defaultTag, long memBufLimit,
                  Pipeline pipeline, Parsers parsers, MeterRegistry registry, FilterInstance excludedFilter,
                  boolean tagConfigured, FileStorage storage, boolean pauseOnChunksOverlimit) {
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
        this.storage = storage;
        this.pauseOnChunksOverlimit = storage != null && pauseOnChunksOverlimit;
        // Another input releasing a chunk can bring the engine-wide count under storage.max_chunks_up.
        if (this.pauseOnChunksOverlimit) storage.onUpSlotReleased(this::resumeIfUnderLimit);
        // Another input's deliveries can bring the engine-wide total under storage.total_mem_limit.
        pipeline.memoryBudget().onRelease(this::resumeIfUnderLimit);
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
    /** Record bytes held in memory: open chunks and chunks up. */
    public long bufferedBytes() { return bufferedBytes.get(); }
    public long memBufLimit() { return memBufLimit; }
    /** Chunks still accepting records. */
    public int openChunks() { return openChunks.get(); }
    /** Sealed chunks handed to outputs and not yet released by all of them (Fluent Bit's "busy"). */
    public int busyChunks() { return busyChunks.get(); }
    public long busyBytes() { return busyBytes.get(); }

    /** This input's buffer right now, for {@code /api/v1/storage} and tests. */
    public StorageState storageState() {
        return new StorageState(storage != null ? "filesystem" : "memory", paused, bufferedBytes.get(), memBufLimit,
                chunksUp.get(), chunksDown.get(), downBytes.get(), busyChunks.get(), busyBytes.get());
    }

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
                       Routes.Route<FilterInstance, OutputInstance> route) throws StoreException {
        if (!route.hasOutputs()) {
            meters.dropped("no matching output", records);
            if (unroutedTagsLogged.size() < 1000 && unroutedTagsLogged.add(tag)) {
                log.warn("no output matches tag '" + tag + "'; its records are discarded");
            }
            return;
        }
        Sealed sealed = null;
        ChunkFile written = null;
        long writtenUpTo = 0;
        IOException writeFailure = null;
        boolean overLimit;
        synchronized (open) {
            // Checked again under the lock: the final seal of a stop runs after accepting turns false and takes this
            // lock, so a record stored here is either sealed by it or refused, never left behind in an open chunk.
            checkAccepting();
            OpenChunk oc = open.get(tag);
            if (oc == null) {
                oc = newChunk(tag, records);
                open.put(tag, oc);
                openChunks.incrementAndGet();
            }
            if (oc.file != null) {
                try {
                    writtenUpTo = oc.file.append(data, offset, length, records);
                    written = oc.file;
                } catch (IOException e) {
                    writeFailure = e;
                    // The file may end in a torn frame: what it holds goes on, later appends get a new file.
                    sealed = oc.records > 0 ? seal(tag, oc) : discard(tag, oc);
                }
            }
            if (writeFailure == null) {
                if (oc.writer != null) {
                    oc.writer.raw(data, offset, length);
                    addBuffered(length);
                } else {
                    downBytes.addAndGet(length);
                }
                oc.records += records;
                oc.bytes += length;
                if (oc.bytes >= SEAL_BYTES) {
                    if (oc.writer != null) {
                        if (sizeHints.size() >= MAX_SIZE_HINTS && !sizeHints.containsKey(tag)) sizeHints.clear();
                        sizeHints.put(tag, oc.writer.size());
                    }
                    sealed = seal(tag, oc);
                }
            }
            overLimit = overLimit();
        }
        if (sealed != null) dispatch(sealed);
        if (writeFailure != null) throw storeFailure("cannot write chunk file", writeFailure, records);
        if (written != null) {
            try {
                written.sync(writtenUpTo);
            } catch (IOException e) {
                throw storeFailure("cannot sync chunk file " + written.path(), e, records);
            }
        }
        if (overLimit && !paused) pauseForLimit();
    }

    /**
     * Called under {@link #open}: the writer of a new memory chunk. A tag not known busy starts at 64 KB. A busy one
     * gets a spare array of a delivered chunk, or a new array of its last full size and an eighth.
     */
    private MsgpackWriter newWriter(String tag) {
        Integer hint = sizeHints.get(tag);
        if (hint == null) return new MsgpackWriter(INITIAL_CHUNK_BYTES);
        return new MsgpackWriter(pipeline.spareArrays().take(hint, hint + (hint >> 3)));
    }

    /** A new open chunk: with filesystem storage its file, and its memory unless max_chunks_up are up already. */
    private OpenChunk newChunk(String tag, int records) throws StoreException {
        if (storage == null) {
            chunksUp.incrementAndGet();
            return new OpenChunk(newWriter(tag), null);
        }
        ChunkFile file;
        try {
            file = storage.create(name, tag, System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            throw storeFailure("cannot create a chunk file under storage.path " + storage.settings().path(), e, records);
        }
        boolean up;
        if (pauseOnChunksOverlimit) {
            storage.forceUpSlot();
            up = true;
        } else {
            // Over the engine-wide memory limit a filesystem chunk stays on disk only, as beyond max_chunks_up.
            up = !pipeline.memoryBudget().overLimit() && storage.takeUpSlot();
        }
        (up ? chunksUp : chunksDown).incrementAndGet();
        return new OpenChunk(up ? newWriter(tag) : null, file);
    }

    /** Logs (at most once per burst) and builds the exception that tells the input not to acknowledge. */
    private StoreException storeFailure(String what, Throwable cause, int records) {
        String message = what + " for input " + name + ": " + FileStorage.describe(cause) + "; " + records
                + " record(s) not stored, so not acknowledged";
        meters.error();
        synchronized (storeErrorLock) {
            long now = System.nanoTime();
            storeErrorsSinceLog++;
            if (lastStoreErrorLogNanos == 0 || now - lastStoreErrorLogNanos >= STORE_ERROR_LOG_NANOS) {
                long n = storeErrorsSinceLog;
                storeErrorsSinceLog = 0;
                lastStoreErrorLogNanos = now;
                log.error(message + (n > 1 ? " (" + n + " failed appends since the last report)" : ""));
            }
        }
        return new StoreException(message, cause);
    }

    /** Called under the open-chunk lock. */
    private Sealed seal(String tag, OpenChunk oc) {
        open.remove(tag);
        openChunks.decrementAndGet();
        busyChunks.incrementAndGet();
        busyBytes.addAndGet(oc.bytes);
        if (oc.file == null) {
            return new Sealed(new Chunk(pipeline.nextChunkId(), tag, name, oc.writer.array(), oc.writer.size(),
                    oc.records, oc.createdMillis), null);
        }
        try {
            oc.file.seal();
        } catch (IOException e) {
            // Every append already returned after its write (and with storage.sync full, its fsync).
            log.warn("closing chunk file " + oc.file.path() + " failed: " + FileStorage.describe(e));
        }
        StoredChunk stored = new StoredChunk(oc.file.path(), oc.file.header(), oc.records, oc.bytes, Set.of());
        Chunk memory = oc.writer == null ? null : new Chunk(oc.file.header().id(), tag, name, oc.writer.array(),
                oc.writer.size(), oc.records, oc.createdMillis);
        return new Sealed(memory, stored);
    }

    /** An open chunk whose first write failed: nothing of it was accepted. */
    private Sealed discard(String tag, OpenChunk oc) {
        open.remove(tag);
        openChunks.decrementAndGet();
        (oc.writer != null ? chunksUp : chunksDown).decrementAndGet();
        if (oc.writer != null) storage.releaseUpSlot();
        try {
            oc.file.seal();
            storage.delete(oc.file.path());
        } catch (IOException e) {
            log.warn("removing empty chunk file " + oc.file.path() + " failed: " + FileStorage.describe(e));
        }
        return null;
    }

    private void dispatch(Sealed s) {
        String tag = s.stored != null ? s.stored.header().tag() : s.memory.tag();
        List<OutputInstance> outputs = pipeline.route(tag).outputs();
        Delivery d = s.stored != null
                ? Delivery.stored(s.stored, s.memory, storage, this, outputs)
                : Delivery.inMemory(s.memory, this, outputs);
        if (outputs.isEmpty()) {
            released(d);
            return;
        }
        pipeline.dispatch(d, outputs);
    }

    /**
     * Hands a chunk found on disk at start to {@code outputs} (its routes minus the outputs that finished it
     * before the restart). It stays down until a flush reads it.
     */
    void adopt(StoredChunk chunk, List<OutputInstance> outputs) {
        chunksDown.incrementAndGet();
        downBytes.addAndGet(chunk.payloadBytes());
        busyChunks.incrementAndGet();
        busyBytes.addAndGet(chunk.payloadBytes());
        Delivery d = Delivery.stored(chunk, null, storage, this, outputs);
        if (outputs.isEmpty()) {
            released(d);
            return;
        }
        pipeline.dispatch(d, outputs);
    }

    /** Seals every open chunk and hands it on (flush tick, pause, shutdown). */
    void sealAll() {
        List<Sealed> sealed = new ArrayList<>();
        synchronized (open) {
            for (Map.Entry<String, OpenChunk> e : new ArrayList<>(open.entrySet())) {
                if (e.getValue().records > 0) sealed.add(seal(e.getKey(), e.getValue()));
            }
        }
        for (Sealed s : sealed) dispatch(s);
    }

    /** This input's memory and the engine-wide budget change together. */
    private void addBuffered(long deltaBytes) {
        bufferedBytes.addAndGet(deltaBytes);
        pipeline.memoryBudget().add(deltaBytes);
    }

    private boolean overLimit() {
        return (memBufLimit > 0 && bufferedBytes.get() >= memBufLimit)
                || (pauseOnChunksOverlimit && storage.upSlotsFull())
                // A filesystem input keeps new chunks on disk instead (unless told to pause at max_chunks_up).
                || ((storage == null || pauseOnChunksOverlimit) && pipeline.memoryBudget().overLimit());
    }

    private void pauseForLimit() {
        synchronized (pauseLock) {
            if (paused || !overLimit()) return;
            paused = true;
            MemoryBudget budget = pipeline.memoryBudget();
            if (memBufLimit > 0 && bufferedBytes.get() >= memBufLimit) {
                log.warn("paused (mem buf overlimit: " + bufferedBytes.get() + " bytes buffered, limit " + memBufLimit + ")");
            } else if (budget.overLimit()) {
                log.warn("paused (engine memory overlimit: " + budget.usedBytes() + " bytes buffered by all inputs, "
                        + "storage.total_mem_limit " + budget.limitBytes() + ")");
            } else {
                log.warn("paused (storage buf overlimit: " + storage.chunksUp() + " chunks up, storage.max_chunks_up "
                        + storage.settings().maxChunksUp() + ")");
            }
            if (plugin != null) plugin.pause();
        }
        // What is buffered must move for the input to resume, so don't wait for the next tick.
        sealAll();
        // Paused at the engine-wide budget, this input may hold nothing of its own: the release that brought the
        // total under may have run just before it paused, and no other would come.
        resumeIfUnderLimit();
    }

    /** One output finished a filesystem chunk that others still have: remembered across a restart. */
    void outputFinished(Delivery d, OutputInstance output) {
        try {
            storage.markDone(d.stored().path(), output.name());
        } catch (IOException e) {
            // Without the note, a restart sends the chunk to this output again: a duplicate, never a loss.
            log.warn("cannot note that " + output.name() + " delivered " + d.stored().path() + ": "
                    + FileStorage.describe(e));
        }
    }

    /** Every output is done with the chunk: its memory is free again and its file is deleted. */
    void released(Delivery d) {
        busyChunks.decrementAndGet();
        busyBytes.addAndGet(-d.length());
        if (d.isUp()) {
            addBuffered(-d.length());
            chunksUp.decrementAndGet();
            if (d.isStored()) storage.releaseUpSlot();
            // Every output has returned from its last flush of this chunk (a retried remainder's included), and
            // outputs copy what must outlive a flush: nothing refers to the array any more.
            byte[] sealed = d.takeSealedArray();
            if (sealed != null) pipeline.spareArrays().give(sealed);
        } else {
            downBytes.addAndGet(-d.length());
            chunksDown.decrementAndGet();
        }
        if (d.isStored()) {
            try {
                storage.delete(d.stored().path());
            } catch (IOException e) {
                log.error("cannot delete delivered chunk file " + d.stored().path() + ": " + FileStorage.describe(e)
                        + "; it will be sent again after a restart");
            }
        }
        resumeIfUnderLimit();
    }

    /**
     * A memory chunk's last output retries only some of its records, from a copy: the rest of its bytes are no longer
     * held, and its array (when given) is free for a new chunk.
     */
    void narrowed(long freedBytes, byte[] sealedArray) {
        addBuffered(-freedBytes);
        busyBytes.addAndGet(-freedBytes);
        if (sealedArray != null) pipeline.spareArrays().give(sealedArray);
        resumeIfUnderLimit();
    }

    private void resumeIfUnderLimit() {
        if (!paused || overLimit()) return;
        synchronized (pauseLock) {
            if (!paused || overLimit()) return;
            paused = false;
            log.info("resume (buffer under limit: " + bufferedBytes.get() + " bytes in memory, " + chunksUp.get()
                    + " chunks up)");
            if (plugin != null) plugin.resume();
        }
    }
}
