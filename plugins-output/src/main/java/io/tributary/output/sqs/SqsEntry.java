package io.tributary.output.sqs;

import io.tributary.output.aws.EventSpan;

import java.util.Map;

/**
 * One SendMessageBatch entry: the message body, its FIFO group and deduplication ids (null when not used), its
 * String attributes (name to value), and its size as SQS counts it against the message limit (body plus attribute
 * names, types and values).
 */
record SqsEntry(String body, String groupId, String deduplicationId, Map<String, String> attributes, int size, int event)
        implements EventSpan {
    @Override public int firstEvent() { return event; }

    @Override public int lastEvent() { return event; }
}
