package io.tributary.output.firehose;

import io.tributary.output.aws.EventSpan;

import java.util.BitSet;

/**
 * One PutRecordBatch record: its data and the chunk events it carries. A JSON record carries one event; a
 * CloudWatch Logs envelope carries the events of one log stream, which need not be consecutive ({@code events}).
 */
record FirehoseEntry(byte[] data, int firstEvent, int lastEvent, int[] events) implements EventSpan {
    static FirehoseEntry single(byte[] data, int event) { return new FirehoseEntry(data, event, event, null); }

    @Override public void markEvents(BitSet set) {
        if (events == null) {
            set.set(firstEvent, lastEvent + 1);
        } else {
            for (int e : events) set.set(e);
        }
    }

    @Override public int eventCount() { return events == null ? lastEvent - firstEvent + 1 : events.length; }
}
