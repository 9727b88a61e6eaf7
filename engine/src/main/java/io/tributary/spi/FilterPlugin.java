package io.tributary.spi;

import io.tributary.record.LogEvent;

import java.util.List;

/**
 * Changes, drops or adds records before they are buffered. Runs on the thread of the input that appended the
 * records, so it may be called from several inputs at once: keep per-call state local and guard shared state.
 */
public interface FilterPlugin {
    default void start(FilterContext context) throws Exception {}

    /**
     * Filters one append's events in place: modify them, remove them, replace or insert. The list and the
     * events in it belong to the chain while this runs.
     */
    void filter(String tag, List<LogEvent> events);

    default void stop() {}
}
