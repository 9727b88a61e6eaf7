package io.tributary.input.pipe;

import io.tributary.record.EventTime;
import io.tributary.record.JsonValues;
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

    LineEncoder(boolean json, Parser parser, String key) {
        this.json = json;
        this.parser = parser;
        MsgpackWriter w = new MsgpackWriter(key.length() + 5);
        w.string(key);
        this.key = w.toByteArray();
    }

    /** Writes the event; returns false when the line was kept as text because it did not parse. */
    boolean encode(byte[] b, int off, int len, long nowSeconds, int nowNanos, MsgpackWriter out) {
        if (parser != null) {
            Optional<ParsedRecord> r = parser.parse(b, off, len);
            if (r.isPresent()) {
                EventTime t = r.get().time();
                if (t != null) header(out, t.seconds(), t.nanos());
                else header(out, nowSeconds, nowNanos);
                out.map(r.get().fields());
                return true;
            }
        } else if (json) {
            Object value;
            try {
                value = JsonValues.parse(b, off, len);
            } catch (IllegalArgumentException notJson) {
                value = null;
            }
            if (value instanceof Map<?, ?> object) {
                header(out, nowSeconds, nowNanos);
                out.map(object);
                return true;
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

    private static void header(MsgpackWriter out, long seconds, int nanos) {
        out.arrayHeader(2).arrayHeader(2).eventTime(new EventTime(seconds, nanos)).mapHeader(0);
    }
}
