package io.tributary.output.kinesis;

import io.tributary.output.aws.EventSpan;

/** One PutRecords entry: its data, partition key and the chunk events it carries (several when aggregated). */
record KinesisEntry(byte[] data, String partitionKey, int partitionKeyBytes, int firstEvent, int lastEvent) implements EventSpan {
    /** As Kinesis counts it against its limits: the partition key's bytes count with the data. */
    int size() { return data.length + partitionKeyBytes; }
}
