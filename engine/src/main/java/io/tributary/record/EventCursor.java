package io.tributary.record;

/**
 * Walks the events in a run of encoded msgpack without decoding their bodies. Accepts Fluent Bit's format
 * {@code [[time, metadata], body]} and the older {@code [time, body]}; time may be EventTime, an integer or a
 * float. Reused per chunk; not thread-safe.
 */
public final class EventCursor {
    private byte[] data;
    private int pos;
    private int end;
    private int eventStart;
    private int eventEnd;
    private int timeStart;
    private int metaStart;
    private int metaEnd;
    private int bodyStart;

    public EventCursor() {}

    public EventCursor(byte[] data, int offset, int end) { reset(data, offset, end); }

    public EventCursor reset(byte[] data, int offset, int end) {
        this.data = data;
        this.pos = offset;
        this.end = end;
        this.eventStart = this.eventEnd = offset;
        return this;
    }

    /** Moves to the next event; false at the end. Throws MalformedMsgpackException on a bad event. */
    public boolean next() {
        if (pos >= end) return false;
        eventStart = pos;
        if (!Msgpack.isArray(data, pos, end) || Msgpack.arrayLength(data, pos, end) != 2) {
            throw new MalformedMsgpackException("event at offset " + pos + " is not a 2-element array");
        }
        int p = pos + Msgpack.containerHeaderSize(data, pos, end);
        if (Msgpack.isArray(data, p, end)) {
            long n = Msgpack.arrayLength(data, p, end);
            if (n < 1) throw new MalformedMsgpackException("event header at offset " + p + " is empty");
            timeStart = p + Msgpack.containerHeaderSize(data, p, end);
            int afterTime = Msgpack.skip(data, timeStart, end);
            if (n >= 2) {
                metaStart = afterTime;
                metaEnd = Msgpack.skip(data, metaStart, end);
                int q = metaEnd;
                for (long i = 2; i < n; i++) q = Msgpack.skip(data, q, end);
                bodyStart = q;
            } else {
                metaStart = metaEnd = -1;
                bodyStart = afterTime;
            }
        } else {
            timeStart = p;
            metaStart = metaEnd = -1;
            bodyStart = Msgpack.skip(data, p, end);
        }
        if (!Msgpack.isTime(data, timeStart, end)) {
            throw new MalformedMsgpackException("event at offset " + eventStart + " has no valid time");
        }
        if (!Msgpack.isMap(data, bodyStart, end)) {
            throw new MalformedMsgpackException("event at offset " + eventStart + ": record is not a map");
        }
        eventEnd = Msgpack.skip(data, bodyStart, end);
        pos = eventEnd;
        return true;
    }

    public byte[] data() { return data; }
    public int eventStart() { return eventStart; }
    public int eventEnd() { return eventEnd; }
    public int eventLength() { return eventEnd - eventStart; }
    public int bodyStart() { return bodyStart; }
    public int bodyEnd() { return eventEnd; }
    /** -1 when the event has the older {@code [time, body]} form. */
    public int metadataStart() { return metaStart; }
    public int metadataEnd() { return metaEnd; }

    public EventTime time() { return Msgpack.readTime(data, timeStart, end); }

    public LogEvent decode() {
        java.util.Map<String, Object> meta = metaStart >= 0 && Msgpack.isMap(data, metaStart, end)
                ? MsgpackValues.decodeMap(data, metaStart, metaEnd)
                : new java.util.LinkedHashMap<>();
        return new LogEvent(time(), meta, MsgpackValues.decodeMap(data, bodyStart, eventEnd));
    }

    /** Counts and validates the events in a range; throws on the first malformed one. */
    public static int count(byte[] data, int offset, int end) {
        EventCursor c = new EventCursor(data, offset, end);
        int n = 0;
        while (c.next()) n++;
        return n;
    }
}
