package io.tributary.record;

/**
 * Zero-allocation reading of msgpack held in a byte array: header decoding and skipping whole values. The hot
 * paths (counting records, routing, copying PackedForward entries) need value boundaries, not values, so they
 * walk the bytes instead of materialising objects. Every read is bounds-checked: malformed or truncated input
 * raises {@link MalformedMsgpackException}, never an index error, and a declared size is never allocated.
 */
public final class Msgpack {
    private Msgpack() {}

    /** The position just after the value that starts at {@code pos}; iterative, so nesting depth cannot overflow the stack. */
    public static int skip(byte[] b, int pos, int end) {
        long remaining = 1;
        while (remaining > 0) {
            if (pos >= end) throw truncated(pos);
            // Every value takes at least one byte: more pending values than bytes left means a lie about sizes.
            if (remaining > end - pos) throw new MalformedMsgpackException("container sizes exceed the data at offset " + pos);
            int t = b[pos] & 0xff;
            remaining--;
            if (t <= 0x7f || t >= 0xe0) { pos += 1; continue; }
            if (t <= 0x8f) { remaining += 2L * (t & 0x0f); pos += 1; continue; }
            if (t <= 0x9f) { remaining += (t & 0x0f); pos += 1; continue; }
            if (t <= 0xbf) { pos = advance(pos, 1 + (t & 0x1f), end); continue; }
            switch (t) {
                case 0xc0, 0xc2, 0xc3 -> pos += 1;
                case 0xc4, 0xd9 -> pos = advance(pos, 2 + u8(b, pos + 1, end), end);
                case 0xc5, 0xda -> pos = advance(pos, 3 + u16(b, pos + 1, end), end);
                case 0xc6, 0xdb -> pos = advance(pos, 5 + u32(b, pos + 1, end), end);
                case 0xc7 -> pos = advance(pos, 3 + u8(b, pos + 1, end), end);
                case 0xc8 -> pos = advance(pos, 4 + u16(b, pos + 1, end), end);
                case 0xc9 -> pos = advance(pos, 6 + u32(b, pos + 1, end), end);
                case 0xca -> pos = advance(pos, 5, end);
                case 0xcb -> pos = advance(pos, 9, end);
                case 0xcc, 0xd0 -> pos = advance(pos, 2, end);
                case 0xcd, 0xd1 -> pos = advance(pos, 3, end);
                case 0xce, 0xd2 -> pos = advance(pos, 5, end);
                case 0xcf, 0xd3 -> pos = advance(pos, 9, end);
                case 0xd4 -> pos = advance(pos, 3, end);
                case 0xd5 -> pos = advance(pos, 4, end);
                case 0xd6 -> pos = advance(pos, 6, end);
                case 0xd7 -> pos = advance(pos, 10, end);
                case 0xd8 -> pos = advance(pos, 18, end);
                case 0xdc -> { remaining += u16(b, pos + 1, end); pos = advance(pos, 3, end); }
                case 0xdd -> { remaining += u32(b, pos + 1, end); pos = advance(pos, 5, end); }
                case 0xde -> { remaining += 2L * u16(b, pos + 1, end); pos = advance(pos, 3, end); }
                case 0xdf -> { remaining += 2L * u32(b, pos + 1, end); pos = advance(pos, 5, end); }
                default -> throw new MalformedMsgpackException("invalid msgpack type byte 0xc1 at offset " + pos);
            }
        }
        return pos;
    }

    private static int advance(int pos, long by, int end) {
        long next = pos + by;
        if (next > end) throw truncated(pos);
        return (int) next;
    }

    static MalformedMsgpackException truncated(int pos) {
        return new MalformedMsgpackException("truncated msgpack value at offset " + pos);
    }

    public static int u8(byte[] b, int pos, int end) {
        if (pos >= end) throw truncated(pos);
        return b[pos] & 0xff;
    }

    public static int u16(byte[] b, int pos, int end) {
        if (pos + 2 > end) throw truncated(pos);
        return ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
    }

    public static long u32(byte[] b, int pos, int end) {
        if (pos + 4 > end) throw truncated(pos);
        return ((long) (b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    public static long i64(byte[] b, int pos, int end) {
        if (pos + 8 > end) throw truncated(pos);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[pos + i] & 0xff);
        return v;
    }

    /** Whether the value at pos is an array; its element count via {@link #arrayLength}. */
    public static boolean isArray(byte[] b, int pos, int end) {
        if (pos >= end) throw truncated(pos);
        int t = b[pos] & 0xff;
        return (t >= 0x90 && t <= 0x9f) || t == 0xdc || t == 0xdd;
    }

    public static boolean isMap(byte[] b, int pos, int end) {
        if (pos >= end) throw truncated(pos);
        int t = b[pos] & 0xff;
        return (t >= 0x80 && t <= 0x8f) || t == 0xde || t == 0xdf;
    }

    public static boolean isStringOrBinary(byte[] b, int pos, int end) {
        if (pos >= end) throw truncated(pos);
        int t = b[pos] & 0xff;
        return (t >= 0xa0 && t <= 0xbf) || t == 0xd9 || t == 0xda || t == 0xdb || t == 0xc4 || t == 0xc5 || t == 0xc6;
    }

    public static boolean isNil(byte[] b, int pos, int end) {
        if (pos >= end) throw truncated(pos);
        return (b[pos] & 0xff) == 0xc0;
    }

    /** Element count of the array header at pos. */
    public static long arrayLength(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if (t >= 0x90 && t <= 0x9f) return t & 0x0f;
        if (t == 0xdc) return u16(b, pos + 1, end);
        if (t == 0xdd) return u32(b, pos + 1, end);
        throw new MalformedMsgpackException("expected an array at offset " + pos + ", found type 0x" + Integer.toHexString(t));
    }

    /** Entry count of the map header at pos. */
    public static long mapLength(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if (t >= 0x80 && t <= 0x8f) return t & 0x0f;
        if (t == 0xde) return u16(b, pos + 1, end);
        if (t == 0xdf) return u32(b, pos + 1, end);
        throw new MalformedMsgpackException("expected a map at offset " + pos + ", found type 0x" + Integer.toHexString(t));
    }

    /** Size in bytes of the array or map header at pos. */
    public static int containerHeaderSize(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if ((t >= 0x80 && t <= 0x9f)) return 1;
        if (t == 0xdc || t == 0xde) return 3;
        if (t == 0xdd || t == 0xdf) return 5;
        throw new MalformedMsgpackException("expected an array or map at offset " + pos);
    }

    /** For a str or bin at pos: offset of its payload. */
    public static int payloadOffset(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if (t >= 0xa0 && t <= 0xbf) return pos + 1;
        return switch (t) {
            case 0xd9, 0xc4 -> pos + 2;
            case 0xda, 0xc5 -> pos + 3;
            case 0xdb, 0xc6 -> pos + 5;
            default -> throw new MalformedMsgpackException("expected a string or binary at offset " + pos);
        };
    }

    /** For a str or bin at pos: length of its payload, checked against the data. */
    public static int payloadLength(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        long len;
        int header;
        if (t >= 0xa0 && t <= 0xbf) { len = t & 0x1f; header = 1; }
        else switch (t) {
            case 0xd9, 0xc4 -> { len = u8(b, pos + 1, end); header = 2; }
            case 0xda, 0xc5 -> { len = u16(b, pos + 1, end); header = 3; }
            case 0xdb, 0xc6 -> { len = u32(b, pos + 1, end); header = 5; }
            default -> throw new MalformedMsgpackException("expected a string or binary at offset " + pos);
        }
        if (pos + header + len > end) throw truncated(pos);
        return (int) len;
    }

    /** Reads a string (or bin) value at pos as UTF-8. */
    public static String readString(byte[] b, int pos, int end) {
        int off = payloadOffset(b, pos, end);
        int len = payloadLength(b, pos, end);
        return new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a time value at pos: EventTime (ext 0 as fixext8 or ext8 of 8 bytes), an integer of seconds or a
     * float. Returns null when the value is none of those.
     */
    public static EventTime readTime(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if (t == 0xd7 || t == 0xc7) {
            int at = eventTimeAt(b, pos, end, t);
            return at < 0 ? null : new EventTime(u32(b, at, end), nanos(b, at, end));
        }
        if (t <= 0x7f) return new EventTime(t, 0);
        return switch (t) {
            case 0xcc -> new EventTime(u8(b, pos + 1, end), 0);
            case 0xcd -> new EventTime(u16(b, pos + 1, end), 0);
            case 0xce -> new EventTime(u32(b, pos + 1, end), 0);
            case 0xcf, 0xd3 -> new EventTime(i64(b, pos + 1, end), 0);
            case 0xd2 -> new EventTime((int) u32(b, pos + 1, end), 0);
            case 0xd1 -> new EventTime((short) u16(b, pos + 1, end), 0);
            case 0xd0 -> new EventTime((byte) u8(b, pos + 1, end), 0);
            case 0xcb -> EventTime.ofDouble(Double.longBitsToDouble(i64(b, pos + 1, end)));
            case 0xca -> EventTime.ofDouble(Float.intBitsToFloat((int) u32(b, pos + 1, end)));
            default -> null;
        };
    }

    /**
     * Whether {@link #readTime} finds a time at {@code pos} (and not null), without making one: every event is
     * checked as it is walked, and most walks never need the time itself.
     */
    public static boolean isTime(byte[] b, int pos, int end) {
        int t = u8(b, pos, end);
        if (t == 0xd7 || t == 0xc7) {
            int at = eventTimeAt(b, pos, end, t);
            if (at < 0) return false;
            nanos(b, at, end);   // checked as readTime checks it
            return true;
        }
        if (t <= 0x7f) return true;
        // Integers and floats as times are rare (Fluent Bit writes EventTime): read as readTime reads them.
        return readTime(b, pos, end) != null;
    }

    /** Where the 8 bytes of an EventTime start for the ext at pos (type byte t), or -1 for any other ext. */
    private static int eventTimeAt(byte[] b, int pos, int end, int t) {
        if (t == 0xd7) {
            if (pos + 10 > end) throw truncated(pos);
            return b[pos + 1] == 0 ? pos + 2 : -1;
        }
        return u8(b, pos + 1, end) == 8 && pos + 11 <= end && b[pos + 2] == 0 ? pos + 3 : -1;
    }

    /** An EventTime's nanoseconds, checked. */
    private static int nanos(byte[] b, int at, int end) {
        long nsec = u32(b, at + 4, end);
        if (nsec > 999_999_999L) throw new MalformedMsgpackException("EventTime nanoseconds out of range at offset " + at);
        return (int) nsec;
    }
}
