package io.tributary.input.pipe;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.util.Map;
import java.util.Optional;

/**
 * Turns one line into one event: {@code {key: line}}, a JSON object, or what a named parser makes of it. A line
 * that is not JSON or does not match the parser is still kept, as {@code {key: line}}, and reported.
 */
final class LineEncoder {
    private final boolean json;
    private final Parser parser;
    private final byte[] key;
    private final JsonToMsgpack jsonConverter = new JsonToMsgpack();
    private final byte[] header = new byte[13];

    LineEncoder(boolean json, Parser parser, String key) {
        this.json = json;
        this.parser = parser;
        MsgpackWriter w = new MsgpackWriter(key.length() + 5);
        w.string(key);
        this.key = w.toByteArray();
    }

    /** Writes the event; returns false when the line was kept as text because it did not parse. */
    boolean encode(byte[] b, int off, int len, long nowSeconds, int nowNanos, MsgpackWriter out) {
        int mark = out.size();
        if (parser != null) {
            Optional<ParsedRecord> r = parser.parse(b, off, len);
            if (r.isPresent()) {
                EventTime t = r.get().time();
                if (t != null) header(out, t.seconds(), t.nanos());
                else header(out, nowSeconds, nowNanos);
                Map<String, Object> fields = r.get().fields();
                out.mapHeader(fields.size());
                for (Map.Entry<String, Object> e : fields.entrySet()) {
                    out.string(e.getKey());
                    out.value(e.getValue());
                }
                return true;
            }
        } else if (json) {
            header(out, nowSeconds, nowNanos);
            try {
                jsonConverter.objectToMsgpack(b, off, off + len, out);
                return true;
            } catch (JsonToMsgpack.NotJson e) {
                out.truncate(mark);
            }
        } else {
            header(out, nowSeconds, nowNanos);
            out.mapHeader(1).raw(key, 0, key.length).string(b, off, len);
            return true;
        }
        header(out, nowSeconds, nowNanos);
        out.mapHeader(1).raw(key, 0, key.length).string(b, off, len);
        return false;
    }

    private void header(MsgpackWriter out, long seconds, int nanos) {
        byte[] h = header;
        h[0] = (byte) 0x92;
        h[1] = (byte) 0x92;
        h[2] = (byte) 0xd7;
        h[3] = 0;
        h[4] = (byte) (seconds >>> 24);
        h[5] = (byte) (seconds >>> 16);
        h[6] = (byte) (seconds >>> 8);
        h[7] = (byte) seconds;
        h[8] = (byte) (nanos >>> 24);
        h[9] = (byte) (nanos >>> 16);
        h[10] = (byte) (nanos >>> 8);
        h[11] = (byte) nanos;
        h[12] = (byte) 0x80;
        out.raw(h, 0, 13);
    }
}
