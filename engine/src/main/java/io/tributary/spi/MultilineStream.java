package io.tributary.spi;

import io.tributary.record.LogEvent;

import java.util.function.Consumer;

/**
 * Joins the lines of one source into messages. Not thread-safe: the owner serialises calls. A joined message
 * is the first line's event with the text key holding all lines' text.
 */
public interface MultilineStream {
    /**
     * Offers one event whose text is at {@code contentKey}. Events that are now complete go to {@code out}, in
     * order (possibly none, possibly an earlier pending message and this one). Returns false, without changing
     * anything, when this parser cannot read the event (docker mode and text that is not Docker's JSON), so
     * the caller may try another parser.
     */
    boolean offer(LogEvent event, String contentKey, Consumer<LogEvent> out);

    /** Emits every pending message as it is. */
    void flush(Consumer<LogEvent> out);

    boolean hasPending();

    /** {@link System#nanoTime()} when a pending message last grew; meaningless without one. */
    long lastAppendNanos();
}
