package io.tributary.spi;

import io.tributary.record.Chunk;

/**
 * A destination. {@link #flush} runs on a virtual thread, at most {@code Workers} at once per instance, and may
 * block on I/O. It returns a {@link FlushResult}; an exception thrown from it counts as an error and a retry.
 */
public interface OutputPlugin {
    default void start(OutputContext context) throws Exception {}

    FlushResult flush(Chunk chunk) throws Exception;

    /** Release clients and threads. Called after the last flush. */
    default void stop() {}
}
