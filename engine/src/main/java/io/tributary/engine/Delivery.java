package io.tributary.engine;

import io.tributary.record.Chunk;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sealed chunk on its way to every output its tag matched. The chunk's memory is charged to its input until
 * the last output has delivered it (or given it up with a counted reason).
 */
final class Delivery {
    private final Chunk chunk;
    private final InputInstance source;
    private final AtomicInteger pendingOutputs;

    Delivery(Chunk chunk, InputInstance source, int outputs) {
        this.chunk = chunk;
        this.source = source;
        this.pendingOutputs = new AtomicInteger(outputs);
    }

    Chunk chunk() { return chunk; }

    InputInstance source() { return source; }

    /** One output is finished with the chunk; the last one releases it. */
    void outputDone() {
        if (pendingOutputs.decrementAndGet() == 0) source.released(chunk);
    }
}
