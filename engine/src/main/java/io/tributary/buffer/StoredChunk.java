package io.tributary.buffer;

import java.nio.file.Path;
import java.util.Set;

/**
 * A sealed chunk file found on disk at start (the backlog) or written by this run.
 *
 * @param payloadBytes  bytes of record data (what the chunk weighs in memory once read)
 * @param doneOutputs   outputs that already delivered it (or gave it up) before a restart
 */
public record StoredChunk(Path path, ChunkHeader header, int records, long payloadBytes, Set<String> doneOutputs) {
    public StoredChunk {
        doneOutputs = Set.copyOf(doneOutputs);
    }
}
