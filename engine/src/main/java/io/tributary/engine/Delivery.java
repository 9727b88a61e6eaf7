package io.tributary.engine;

import io.tributary.buffer.BacklogReadBudget;
import io.tributary.buffer.FileStorage;
import io.tributary.buffer.StoredChunk;
import io.tributary.record.Chunk;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A sealed chunk on its way to every output its tag matched. Its records are in memory ("up"), or with
 * filesystem storage possibly only on disk ("down"), read back for each flush within
 * {@code storage.backlog.mem_limit}. The chunk is charged to its input, and its file kept, until the last output
 * has delivered it or given it up with a counted reason.
 */
final class Delivery {
    private final long id;
    private final String tag;
    private final int records;
    private volatile long length;
    private volatile Chunk memory;
    /** The array this memory chunk was sealed in, to be reused once nothing needs it; null once given back. */
    private byte[] sealedArray;
    private final StoredChunk stored;
    private final FileStorage storage;
    private final InputInstance source;
    private final Set<OutputInstance> pending;

    private Delivery(long id, String tag, int records, long length, Chunk memory, StoredChunk stored,
                     FileStorage storage, InputInstance source, List<OutputInstance> outputs) {
        this.id = id;
        this.tag = tag;
        this.records = records;
        this.length = length;
        this.memory = memory;
        this.stored = stored;
        this.sealedArray = memory != null ? memory.data() : null;
        this.storage = storage;
        this.source = source;
        Set<OutputInstance> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(outputs);
        this.pending = set;
    }

    /** A memory chunk. */
    static Delivery inMemory(Chunk chunk, InputInstance source, List<OutputInstance> outputs) {
        return new Delivery(chunk.id(), chunk.tag(), chunk.recordCount(), chunk.length(), chunk, null, null, source, outputs);
    }

    /** A filesystem chunk; {@code memory} is null when it is kept down. */
    static Delivery stored(StoredChunk stored, Chunk memory, FileStorage storage, InputInstance source,
                           List<OutputInstance> outputs) {
        return new Delivery(stored.header().id(), stored.header().tag(), stored.records(), stored.payloadBytes(), memory,
                stored, storage, source, outputs);
    }

    String tag() { return tag; }
    int recordCount() { return records; }
    /** Bytes of record data. */
    long length() { return length; }
    InputInstance source() { return source; }
    boolean isUp() { return memory != null; }
    /**
     * The array the chunk was sealed in, once: for reuse when the chunk is released (it may have been given back
     * earlier, see {@link #narrow}).
     */
    synchronized byte[] takeSealedArray() {
        byte[] a = sealedArray;
        sealedArray = null;
        return a;
    }

    /**
     * {@code output} is to retry only {@code remainder}, a copy of some of this memory chunk's records. When no other
     * output still needs the chunk, the chunk becomes the remainder at once: the input holds only the remainder's
     * bytes from now on and its sealed array is reused. Before, the whole chunk stayed buffered beside the copy until
     * the last retry, up to twice Mem_Buf_Limit under throttling. A chunk other outputs need, or with a file, is kept.
     */
    void narrow(OutputInstance output, Chunk remainder) {
        if (stored != null) return;
        long freed;
        byte[] array;
        synchronized (pending) {
            if (pending.size() != 1 || !pending.contains(output) || remainder.length() >= length) return;
            synchronized (this) {
                if (sealedArray == remainder.data()) return;
                array = sealedArray;
                sealedArray = null;
            }
            freed = length - remainder.length();
            memory = remainder;
            length = remainder.length();
        }
        source.narrowed(freed, array);
    }
    boolean isStored() { return stored != null; }
    StoredChunk stored() { return stored; }

    /** The records for one flush: the chunk in memory, or read back from its file. Pair with {@link #close}. */
    Chunk open() throws IOException, InterruptedException {
        if (memory != null) return memory;
        BacklogReadBudget budget = storage.readBudget();
        budget.acquire(length);
        try {
            return storage.read(stored, id);
        } catch (IOException | RuntimeException e) {
            budget.release(length);
            throw e;
        }
    }

    /** The flush that {@link #open} served is over: a chunk read from disk is let go. */
    void close() {
        if (memory == null) storage.readBudget().release(length);
    }

    /** One output is finished with the chunk; the last one releases it (and deletes its file). */
    void outputDone(OutputInstance output) {
        boolean last;
        synchronized (pending) {
            if (!pending.remove(output)) return;
            last = pending.isEmpty();
        }
        if (last) {
            source.released(this);
        } else if (stored != null) {
            source.outputFinished(this, output);
        }
    }
}
