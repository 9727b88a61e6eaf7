package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackValues;
import io.tributary.record.MsgpackWriter;

import java.nio.charset.StandardCharsets;

/**
 * A record's ordinal: its position in the chunk it was first flushed from, kept when it comes back for a retry.
 * A retried remainder is a new, shorter chunk in which positions shift, so an identity built from "chunk id and
 * position" would change on retry or, worse, collide with a record already delivered (an SQS FIFO queue would then
 * discard a real record as a duplicate). The remainder therefore carries each record's ordinal in its metadata
 * map (Fluent Bit's per-record metadata, which no output sends) under {@link #KEY}.
 */
public final class EventOrdinals {
    /** The metadata key holding the ordinal in a retried remainder. */
    public static final String KEY = "_tributary.ordinal";
    private static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.UTF_8);

    private EventOrdinals() {}

    /** The ordinal of the event at {@code cursor}: the one it carries, else {@code position} (its index in this chunk). */
    public static int of(EventCursor cursor, int position) {
        int v = valuePosition(cursor);
        if (v < 0) return position;
        Object o = MsgpackValues.decode(cursor.data(), v, cursor.metadataEnd());
        return o instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE ? l.intValue() : position;
    }

    private static int valuePosition(EventCursor c) {
        int m = c.metadataStart();
        if (m < 0) return -1;
        byte[] b = c.data();
        int end = c.metadataEnd();
        if (!Msgpack.isMap(b, m, end) || Msgpack.mapLength(b, m, end) == 0) return -1;
        return KeyPath.valueOf(b, m, end, KEY_BYTES);
    }

    /**
     * The chunk's events that start at {@code starts[i]} and end at {@code ends[i]}, for {@code i < count}, each with
     * its ordinal in its metadata ({@code positions[i]}, its index in {@code chunk}, unless it already carries one).
     */
    public static Chunk subset(Chunk chunk, int[] starts, int[] ends, int[] positions, int count) {
        int bytes = 0;
        for (int i = 0; i < count; i++) bytes += ends[i] - starts[i];
        MsgpackWriter w = new MsgpackWriter(bytes + count * 40 + 16);
        EventCursor c = new EventCursor();
        byte[] b = chunk.data();
        for (int i = 0; i < count; i++) {
            c.reset(b, starts[i], ends[i]);
            c.next();
            if (valuePosition(c) >= 0) {
                w.raw(b, starts[i], ends[i] - starts[i]);
                continue;
            }
            // [[time, metadata + {ordinal}], body]
            w.arrayHeader(2).arrayHeader(2).eventTime(c.time());
            int m = c.metadataStart();
            if (m >= 0 && Msgpack.isMap(b, m, c.metadataEnd())) {
                int header = Msgpack.containerHeaderSize(b, m, c.metadataEnd());
                w.mapHeader((int) Msgpack.mapLength(b, m, c.metadataEnd()) + 1);
                w.raw(b, m + header, c.metadataEnd() - m - header);
            } else {
                w.mapHeader(1);
            }
            w.string(KEY).integer(positions[i]);
            w.raw(b, c.bodyStart(), c.bodyEnd() - c.bodyStart());
        }
        return new Chunk(chunk.id(), chunk.tag(), chunk.inputName(), w.array(), w.size(), count, chunk.createdMillis());
    }
}
