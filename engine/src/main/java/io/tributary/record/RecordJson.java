package io.tributary.record;

/**
 * Writes an event's record as a JSON object straight from its msgpack bytes, optionally with the time first
 * under a date key ({@code {"date":1700752975.123961,"message":"dummy"}}), as Fluent Bit's stdout, file and
 * http outputs do.
 */
public final class RecordJson {
    private RecordJson() {}

    /** {@code dateKey} null: the record alone. */
    public static void write(JsonWriter out, EventCursor event, String dateKey, TimeFormat format) {
        byte[] b = event.data();
        if (dateKey == null) {
            out.msgpack(b, event.bodyStart(), event.bodyEnd());
            return;
        }
        out.raw((byte) '{');
        out.string(dateKey);
        out.raw((byte) ':');
        format.write(out, event.time());
        int start = event.bodyStart();
        int end = event.bodyEnd();
        long n = Msgpack.mapLength(b, start, end);
        int p = start + Msgpack.containerHeaderSize(b, start, end);
        for (long i = 0; i < n; i++) {
            out.raw((byte) ',');
            if (Msgpack.isStringOrBinary(b, p, end)) {
                p = out.msgpack(b, p, end);
            } else {
                JsonWriter key = new JsonWriter(32);
                p = key.msgpack(b, p, end);
                out.string(key.toString());
            }
            out.raw((byte) ':');
            p = out.msgpack(b, p, end);
        }
        out.raw((byte) '}');
    }
}
