package io.tributary.buffer;

/** What a chunk file's header says about it. */
public record ChunkHeader(long id, String tag, String inputName, long createdMillis) {}
