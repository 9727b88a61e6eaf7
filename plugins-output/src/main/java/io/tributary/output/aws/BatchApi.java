package io.tributary.output.aws;

import java.util.List;

/**
 * The one thing each AWS output writes for itself: how its entries are counted and how one batch call is made.
 * Batching, partial retry, backoff, throttling control and drop accounting live in {@link BatchDelivery}.
 * Implementations are shared by concurrent flushes and must be thread-safe.
 */
public interface BatchApi<E extends EventSpan> {
    BatchLimits limits();

    /** The entry's size as the service counts it against {@link BatchLimits} (Kinesis: partition key + data). */
    int encodedSize(E entry);

    /**
     * Sends one batch and returns one result per entry, in order. Throws when the call as a whole failed
     * (network, throttling, 5xx, a refused request); {@link AwsErrors} classifies the exception.
     */
    List<EntryResult> send(List<E> batch) throws Exception;

    /**
     * Whether entries must reach the service in the order they were encoded (SQS FIFO queues): batches then go one
     * at a time, and after a batch that leaves entries undelivered the rest of the flush is handed back unsent.
     */
    default boolean ordered() { return false; }
}
