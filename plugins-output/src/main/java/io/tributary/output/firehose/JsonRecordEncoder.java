package io.tributary.output.firehose;

import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.RecordFormatter;
import io.tributary.record.EventCursor;

/** {@code format json}: each record formatted on its own (JSON, or the log_key value) as one Firehose record. */
final class JsonRecordEncoder implements EventEncoder<FirehoseEntry> {
    private final RecordFormatter formatter;

    JsonRecordEncoder(RecordFormatter formatter) { this.formatter = formatter; }

    @Override public void encode(int event, EventCursor cursor, Sink<FirehoseEntry> sink) {
        if (!formatter.write(cursor)) {
            sink.drop(event, "log_key_missing", cursor.eventLength());
            return;
        }
        sink.accept(FirehoseEntry.single(formatter.payload(), event));
    }
}
