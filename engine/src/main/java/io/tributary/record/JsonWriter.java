package io.tributary.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON (RFC 8259) into a growable byte array, straight from msgpack bytes or from Java values. Outputs
 * serialise every record to JSON, so the msgpack path copies string bytes as they are and only escapes what
 * JSON requires; invalid UTF-8 becomes U+FFFD so the output is always valid JSON.
 */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] REPLACEMENT = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};

    private byte[] buf;
    private int size;

    public JsonWriter() { this(512); }

    public JsonWriter(int capacity) { buf = new byte[Math.max(16, capacity)]; }

    public int size() { return size; }
    public byte[] array() { return buf; }
    public void reset() { size = 0; }

    /** Empties the writer and makes room for {@code capacity} bytes (a reused request body). */
    public JsonWriter reset(int capacity) {
        size = 0;
        if (buf.length < capacity) buf = new byte[capacity];
        return this;
    }
    public void truncate(int newSize) { size = newSize; }
    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }
    @Override public String toString() { return new String(buf, 0, size, StandardCharsets.UTF_8); }

    private void ensure(int more) {
        int need = size + more;
        if (need < 0) throw new IllegalStateException("JSON buffer over 2 GiB");
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    public JsonWriter raw(byte b) { ensure(1); buf[size++] = b; return this; }

    public JsonWriter raw(byte[] b) { return raw(b, 0, b.length); }

    public JsonWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Appends text as UTF-8, unescaped. */
    public JsonWriter raw(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                size -= i;
                return raw(text.getBytes(StandardCharsets.UTF_8));
            }
            buf[size++] = (byte) c;
        }
        return this;
    }

    /** Writes the msgpack value at {@code pos} as JSON; returns the position after it. */
    public int msgpack(byte[] b, int pos, int end) { return msgpack(b, pos, end, 0); }

    private int msgpack(byte[] b, int pos, int end, int depth) {
        if (depth > MsgpackValues.MAX_DEPTH) throw new MalformedMsgpackException("msgpack nested too deep");
        int t = Msgpack.u8(b, pos, end);
        if (t <= 0x7f) { number(t); return pos + 1; }
        if (t >= 0xe0) { number((byte) t); return pos + 1; }
        if ((t >= 0xa0 && t <= 0xbf) || t == 0xd9 || t == 0xda || t == 0xdb || t == 0xc4 || t == 0xc5 || t == 0xc6) {
            int off = Msgpack.payloadOffset(b, pos, end);
            int len = Msgpack.payloadLength(b, pos, end);
            string(b, off, len);
            return off + len;
        }
        if (t <= 0x8f || t == 0xde || t == 0xdf) {
            long n = Msgpack.mapLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            raw((byte) '{');
            for (long i = 0; i < n; i++) {
                if (i > 0) raw((byte) ',');
                if (Msgpack.isStringOrBinary(b, p, end)) {
                    p = msgpack(b, p, end, depth + 1);
                } else {
                    // JSON keys are strings: write a non-string key as its JSON text, quoted.
                    JsonWriter key = new JsonWriter(32);
                    p = key.msgpack(b, p, end, depth + 1);
                    string(key.toString());
                }
                raw((byte) ':');
                p = msgpack(b, p, end, depth + 1);
            }
            raw((byte) '}');
            return p;
        }
        if (t <= 0x9f || t == 0xdc || t == 0xdd) {
            long n = Msgpack.arrayLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            raw((byte) '[');
            for (long i = 0; i < n; i++) {
                if (i > 0) raw((byte) ',');
                p = msgpack(b, p, end, depth + 1);
            }
            raw((byte) ']');
            return p;
        }
        switch (t) {
            case 0xc0 -> { raw(NULL); return pos + 1; }
            case 0xc2 -> { raw(FALSE); return pos + 1; }
            case 0xc3 -> { raw(TRUE); return pos + 1; }
            case 0xca -> { number(Float.intBitsToFloat((int) Msgpack.u32(b, pos + 1, end))); return pos + 5; }
            case 0xcb -> { number(Double.longBitsToDouble(Msgpack.i64(b, pos + 1, end))); return pos + 9; }
            case 0xcc -> { number(Msgpack.u8(b, pos + 1, end)); return pos + 2; }
            case 0xcd -> { number(Msgpack.u16(b, pos + 1, end)); return pos + 3; }
            case 0xce -> { number(Msgpack.u32(b, pos + 1, end)); return pos + 5; }
            case 0xcf -> { raw(Long.toUnsignedString(Msgpack.i64(b, pos + 1, end))); return pos + 9; }
            case 0xd0 -> { number((byte) Msgpack.u8(b, pos + 1, end)); return pos + 2; }
            case 0xd1 -> { number((short) Msgpack.u16(b, pos + 1, end)); return pos + 3; }
            case 0xd2 -> { number((int) Msgpack.u32(b, pos + 1, end)); return pos + 5; }
            case 0xd3 -> { number(Msgpack.i64(b, pos + 1, end)); return pos + 9; }
            default -> {
                // Extensions: an EventTime becomes seconds with a fraction, anything else null.
                int next = Msgpack.skip(b, pos, end);
                EventTime et = Msgpack.readTime(b, pos, end);
                if (et != null) number(et.toDouble()); else raw(NULL);
                return next;
            }
        }
    }

    public JsonWriter number(long v) {
        if (v >= 0 && v < 10) { raw((byte) ('0' + v)); return this; }
        if (v == Long.MIN_VALUE) return raw(Long.toString(v));
        // Digits straight into the buffer: sequence numbers and counters are in most records.
        ensure(20);
        if (v < 0) { buf[size++] = '-'; v = -v; }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        int at = size + digits;
        for (int i = at - 1; i >= size; i--) { buf[i] = (byte) ('0' + (v % 10)); v /= 10; }
        size = at;
        return this;
    }

    public JsonWriter number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return raw(NULL);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return raw(Long.toString((long) v)).raw(".0");
        return raw(Double.toString(v));
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    /** True when none of the 8 bytes needs attention: no control byte, quote, backslash or non-ASCII byte. */
    private static boolean plainWord(long x) {
        long q = x ^ QUOTES;
        long bs = x ^ BACKSLASHES;
        long special = ((x - SPACES) & ~x) | ((q - ONES) & ~q) | ((bs - ONES) & ~bs) | x;
        return (special & HIGHS) == 0;
    }

    private static boolean plainByte(int c) { return c >= 0x20 && c != '"' && c != '\\' && c < 0x80; }

    /**
     * A JSON string from UTF-8 bytes, escaped. Every record an AWS output sends goes through here, so runs of
     * plain ASCII are found 8 bytes at a time and copied in one arraycopy.
     */
    public JsonWriter string(byte[] b, int off, int len) {
        ensure(len + 2);
        buf[size++] = '"';
        int i = off;
        int end = off + len;
        while (i < end) {
            int runStart = i;
            while (i + 8 <= end && plainWord((long) LONGS.get(b, i))) i += 8;
            while (i < end && plainByte(b[i] & 0xff)) i++;
            if (i > runStart) raw(b, runStart, i - runStart);
            if (i >= end) break;
            int c = b[i] & 0xff;
            if (c < 0x80) {
                escape(c);
                i++;
                continue;
            }
            int n = utf8SequenceLength(b, i, end);
            if (n > 0) { raw(b, i, n); i += n; }
            else { raw(REPLACEMENT); i++; }
        }
        raw((byte) '"');
        return this;
    }

    private void escape(int c) {
        switch (c) {
            case '"' -> { raw((byte) '\\'); raw((byte) '"'); }
            case '\\' -> { raw((byte) '\\'); raw((byte) '\\'); }
            case '\n' -> { raw((byte) '\\'); raw((byte) 'n'); }
            case '\r' -> { raw((byte) '\\'); raw((byte) 'r'); }
            case '\t' -> { raw((byte) '\\'); raw((byte) 't'); }
            case '\b' -> { raw((byte) '\\'); raw((byte) 'b'); }
            case '\f' -> { raw((byte) '\\'); raw((byte) 'f'); }
            default -> {
                ensure(6);
                buf[size++] = '\\'; buf[size++] = 'u'; buf[size++] = '0'; buf[size++] = '0';
                buf[size++] = HEX[(c >> 4) & 0xf]; buf[size++] = HEX[c & 0xf];
            }
        }
    }

    /** Length of a valid UTF-8 sequence starting at i, or 0 when the bytes there are not one. */
    static int utf8SequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; }
        else return 0;
        if (i + n > end) return 0;
        int cp = c & (0xff >> (n + 1));
        for (int k = 1; k < n; k++) {
            int d = b[i + k] & 0xff;
            if ((d & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (d & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        return n;
    }

    public JsonWriter string(String s) {
        int n = s.length();
        if (n <= 64 && isPlainAscii(s, n)) {
            // Partition keys (one per record) and field names: no encoded copy to scan again.
            ensure(n + 2);
            buf[size++] = '"';
            for (int i = 0; i < n; i++) buf[size++] = (byte) s.charAt(i);
            buf[size++] = '"';
            return this;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return string(utf8, 0, utf8.length);
    }

    private static boolean isPlainAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (!plainByte(s.charAt(i))) return false;
        }
        return true;
    }

    /** Writes a Java value (as in {@link LogEvent}) as JSON. */
    public JsonWriter value(Object v) {
        if (v == null) return raw(NULL);
        if (v instanceof String s) return string(s);
        if (v instanceof Boolean bo) return raw(bo ? TRUE : FALSE);
        if (v instanceof Double d) return number(d);
        if (v instanceof Float f) return number(f.doubleValue());
        if (v instanceof Number n) return raw(n.toString());
        if (v instanceof byte[] bytes) return string(bytes, 0, bytes.length);
        if (v instanceof Map<?, ?> m) {
            raw((byte) '{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) raw((byte) ',');
                first = false;
                string(String.valueOf(e.getKey()));
                raw((byte) ':');
                value(e.getValue());
            }
            return raw((byte) '}');
        }
        if (v instanceof List<?> l) {
            raw((byte) '[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) raw((byte) ',');
                value(l.get(i));
            }
            return raw((byte) ']');
        }
        if (v instanceof EventTime t) return number(t.toDouble());
        if (v instanceof ExtValue) return raw(NULL);
        return string(v.toString());
    }
}
