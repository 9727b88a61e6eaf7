package io.tributary.spi;

/**
 * A source of records. Lifecycle: created (validated) by its factory, then {@link #start}, any number of
 * {@link #pause}/{@link #resume} pairs, then {@link #stop}. Pause and resume come from engine threads and must
 * be thread-safe; while paused, an input stops reading (a socket input stops reading its sockets, so TCP
 * slows the sender) and must not drop anything it has already accepted.
 */
public interface InputPlugin {
    void start(InputContext context) throws Exception;

    /** Stop reading new data (backpressure: Mem_Buf_Limit reached). */
    default void pause() {}

    /** Read again. */
    default void resume() {}

    /** Stop accepting input and release listeners and threads. Records already appended stay with the engine. */
    void stop();
}
