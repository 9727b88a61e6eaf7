package io.tributary.output.aws;

import io.tributary.record.EventCursor;

/**
 * Turns the events of one chunk into a service's request entries: formatting, keys, aggregation. One per flush,
 * so it may keep buffers and partial aggregates; {@link BatchDelivery} calls it on one thread.
 */
public interface EventEncoder<E extends EventSpan> {
    /** Encodes the event at {@code cursor} (chunk index {@code event}) and hands zero or more entries to the sink. */
    void encode(int event, EventCursor cursor, Sink<E> sink);

    /** Hands over what is still held (a partial aggregate). */
    default void finish(Sink<E> sink) {}

    /**
     * Whether records handed back for a retry must keep their first position ({@link EventOrdinals}): true for an
     * encoder that derives a record's identity from it (SQS deduplication ids, CloudWatch Logs event ids).
     */
    default boolean keepsOrdinals() { return false; }

    /** Where encoded entries go. */
    interface Sink<E> {
        void accept(E entry);

        /** An event that cannot be encoded at all; counted and logged with the flush's drops. */
        void drop(int event, String reason, long size);
    }
}
