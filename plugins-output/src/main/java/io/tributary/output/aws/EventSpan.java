package io.tributary.output.aws;

import java.util.BitSet;

/**
 * The chunk events one request entry carries: one event, or consecutive events packed into one aggregated entry.
 * Indices are the events' positions in the chunk being flushed. Events inside the span that were dropped (for
 * example one oversize record in the middle of an aggregate) are not part of it; the delivery knows which.
 *
 * <p>An entry that packs events which are not consecutive (a CloudWatch Logs envelope gathers the events of one log
 * stream from an interleaved chunk) overrides {@link #markEvents} and {@link #eventCount}, so a retry or a drop
 * covers exactly its own events and never a neighbour's.
 */
public interface EventSpan {
    int firstEvent();

    int lastEvent();

    /** Sets the chunk indices of the events this entry carries. */
    default void markEvents(BitSet events) { events.set(firstEvent(), lastEvent() + 1); }

    /** How many events this entry carries. */
    default int eventCount() { return lastEvent() - firstEvent() + 1; }
}
