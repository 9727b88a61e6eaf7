package io.tributary.output.aws;

/** What the service said about one entry of a batch call. */
public sealed interface EntryResult {
    Delivered DELIVERED = new Delivered();

    /** Accepted: must never be sent again. */
    record Delivered() implements EntryResult {}

    /**
     * Refused. {@code retryable} entries are sent again (SQS {@code SenderFault=false}, Kinesis
     * ProvisionedThroughputExceeded); the others are dropped and counted under {@code code}. {@code throttled}
     * tells the concurrency control to slow down.
     */
    record Failed(String code, String message, boolean retryable, boolean throttled) implements EntryResult {}
}
