package io.tributary.record;

import java.nio.charset.StandardCharsets;

/**
 * Prints msgpack the way Fluent Bit's stdout output does in its default {@code msgpack} format:
 * {@code [[1700752975.123961040, {}], {"message"=>"dummy"}]}.
 */
public final class MsgpackText {
    private MsgpackText() {}

    public static void event(StringBuilder out, EventCursor e) {
        EventTime t = e.time();
        out.append("[[").append(t.seconds()).append('.').append(String.format("%09d", t.nanos())).append(", ");
        if (e.metadataStart() >= 0) value(out, e.data(), e.metadataStart(), e.metadataEnd(), 0);
        else out.append("{}");
        out.append("], ");
        value(out, e.data(), e.bodyStart(), e.bodyEnd(), 0);
        out.append(']');
    }

    public static int value(StringBuilder out, byte[] b, int pos, int end, int depth) {
        if (depth > MsgpackValues.MAX_DEPTH) throw new MalformedMsgpackException("nested too deep");
        if (Msgpack.isMap(b, pos, end)) {
            long n = Msgpack.mapLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            out.append('{');
            for (long i = 0; i < n; i++) {
                if (i > 0) out.append(", ");
                p = value(out, b, p, end, depth + 1);
                out.append("=>");
                p = value(out, b, p, end, depth + 1);
            }
            out.append('}');
            return p;
        }
        if (Msgpack.isArray(b, pos, end)) {
            long n = Msgpack.arrayLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            out.append('[');
            for (long i = 0; i < n; i++) {
                if (i > 0) out.append(", ");
                p = value(out, b, p, end, depth + 1);
            }
            out.append(']');
            return p;
        }
        if (Msgpack.isStringOrBinary(b, pos, end)) {
            int off = Msgpack.payloadOffset(b, pos, end);
            int len = Msgpack.payloadLength(b, pos, end);
            out.append('"').append(new String(b, off, len, StandardCharsets.UTF_8)).append('"');
            return off + len;
        }
        int next = Msgpack.skip(b, pos, end);
        Object v = MsgpackValues.decode(b, pos, next);
        if (v == null) out.append("nil");
        else if (v instanceof EventTime t) out.append(t.seconds()).append('.').append(String.format("%09d", t.nanos()));
        else out.append(v);
        return next;
    }
}
