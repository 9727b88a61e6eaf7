package io.tributary.output.aws;

/**
 * The chunk events one request entry carries: one event, or consecutive events packed into one aggregated entry.
 * Indices are the events' positions in the chunk being flushed. Events inside the span that were dropped (for
 * example one oversize record in the middle of an aggregate) are not part of it; the delivery knows which.
 */
public interface EventSpan {
    int firstEvent();

    int lastEvent();
}
