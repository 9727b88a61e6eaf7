package io.tributary.input.forward;

import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackValues;

/**
 * Walks one msgpack value (a record or its metadata) the way the engine will later decode it, so nothing is
 * stored that an output cannot read back: bounds, type bytes, nesting no deeper than
 * {@link MsgpackValues#MAX_DEPTH}, and EventTime extensions (type 0, 8 bytes) with nanoseconds below one second,
 * wherever they sit. Like {@link Msgpack#skip} it allocates nothing; recursion is bounded by the depth limit.
 */
final class RecordValidator {
    private RecordValidator() {}

    /** The position just after the valid value at {@code pos}; throws MalformedMsgpackException otherwise. */
    static int skip(byte[] b, int pos, int end) { return skip(b, pos, end, 0); }

    private static int skip(byte[] b, int p, int end, int depth) {
        if (depth > MsgpackValues.MAX_DEPTH) {
            throw new MalformedMsgpackException("value nested deeper than " + MsgpackValues.MAX_DEPTH + " at offset " + p);
        }
        int t = Msgpack.u8(b, p, end);
        if (t <= 0x7f || t >= 0xe0) return p + 1;
        if (t <= 0x8f) return children(b, p + 1, end, 2L * (t & 0x0f), depth);
        if (t <= 0x9f) return children(b, p + 1, end, t & 0x0f, depth);
        if (t <= 0xbf) return advance(p, 1L + (t & 0x1f), end);
        return switch (t) {
            case 0xc0, 0xc2, 0xc3 -> p + 1;
            case 0xc4, 0xd9 -> advance(p, 2L + Msgpack.u8(b, p + 1, end), end);
            case 0xc5, 0xda -> advance(p, 3L + Msgpack.u16(b, p + 1, end), end);
            case 0xc6, 0xdb -> advance(p, 5L + Msgpack.u32(b, p + 1, end), end);
            case 0xca -> advance(p, 5, end);
            case 0xcb -> advance(p, 9, end);
            case 0xcc, 0xd0 -> advance(p, 2, end);
            case 0xcd, 0xd1 -> advance(p, 3, end);
            case 0xce, 0xd2 -> advance(p, 5, end);
            case 0xcf, 0xd3 -> advance(p, 9, end);
            case 0xd4 -> advance(p, 3, end);
            case 0xd5 -> advance(p, 4, end);
            case 0xd6 -> advance(p, 6, end);
            case 0xd7 -> {
                int next = advance(p, 10, end);
                if (b[p + 1] == 0) checkNanos(b, p + 6, end);
                yield next;
            }
            case 0xd8 -> advance(p, 18, end);
            case 0xc7 -> {
                int len = Msgpack.u8(b, p + 1, end);
                int next = advance(p, 3L + len, end);
                if (len == 8 && b[p + 2] == 0) checkNanos(b, p + 7, end);
                yield next;
            }
            case 0xc8 -> advance(p, 4L + Msgpack.u16(b, p + 1, end), end);
            case 0xc9 -> advance(p, 6L + Msgpack.u32(b, p + 1, end), end);
            case 0xdc -> children(b, p + 3, end, Msgpack.u16(b, p + 1, end), depth);
            case 0xdd -> children(b, p + 5, end, Msgpack.u32(b, p + 1, end), depth);
            case 0xde -> children(b, p + 3, end, 2L * Msgpack.u16(b, p + 1, end), depth);
            case 0xdf -> children(b, p + 5, end, 2L * Msgpack.u32(b, p + 1, end), depth);
            default -> throw new MalformedMsgpackException("invalid msgpack type byte 0xc1 at offset " + p);
        };
    }

    private static int children(byte[] b, int p, int end, long n, int depth) {
        if (p > end) throw new MalformedMsgpackException("truncated msgpack value at offset " + p);
        // Every value takes a byte at least: a count beyond the bytes left is a lie, refused before looping.
        if (n > end - p) throw new MalformedMsgpackException("truncated msgpack value at offset " + p + ": a container of " + n
                    + " values exceeds the data");
        for (long i = 0; i < n; i++) p = skip(b, p, end, depth + 1);
        return p;
    }

    private static void checkNanos(byte[] b, int p, int end) {
        if (Msgpack.u32(b, p, end) > 999_999_999L) {
            throw new MalformedMsgpackException("EventTime nanoseconds out of range at offset " + (p - 6));
        }
    }

    private static int advance(int p, long by, int end) {
        long next = p + by;
        if (next > end) throw new MalformedMsgpackException("truncated msgpack value at offset " + p);
        return (int) next;
    }
}
