package io.tributary.engine;

/**
 * One input's buffer as {@code /api/v1/storage} reports it (Fluent Bit's {@code input_chunks} entry).
 *
 * @param type       {@code memory} or {@code filesystem}
 * @param overLimit  the input is paused by Mem_Buf_Limit or storage.pause_on_chunks_overlimit
 * @param memBytes   record bytes held in memory (open chunks and chunks up)
 * @param memLimit   Mem_Buf_Limit, 0 when none
 * @param chunksUp   chunks whose records are in memory (filesystem chunks up, or memory chunks)
 * @param chunksDown filesystem chunks whose records are on disk only, read back when flushed
 * @param downBytes  record bytes of the chunks down
 * @param chunksBusy sealed chunks handed to outputs and not yet released by all of them (Fluent Bit's "busy")
 * @param busyBytes  record bytes of the busy chunks
 */
public record StorageState(String type, boolean overLimit, long memBytes, long memLimit, int chunksUp, int chunksDown,
                           long downBytes, int chunksBusy, long busyBytes) {
    public int chunksTotal() { return chunksUp + chunksDown; }
}
