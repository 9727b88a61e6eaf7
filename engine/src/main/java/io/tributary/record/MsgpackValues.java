package io.tributary.record;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes msgpack values into the plain Java values {@link LogEvent} uses. */
public final class MsgpackValues {
    /** Deeper nesting than this is refused rather than risking the stack on hostile input. */
    public static final int MAX_DEPTH = 256;

    private final byte[] b;
    private final int end;
    private int pos;

    public MsgpackValues(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = end;
    }

    public int position() { return pos; }

    public static Object decode(byte[] b, int pos, int end) { return new MsgpackValues(b, pos, end).read(); }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeMap(byte[] b, int pos, int end) {
        Object v = decode(b, pos, end);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new MalformedMsgpackException("expected a map at offset " + pos);
    }

    public Object read() { return read(0); }

    private Object read(int depth) {
        if (depth > MAX_DEPTH) throw new MalformedMsgpackException("msgpack nested deeper than " + MAX_DEPTH);
        int t = Msgpack.u8(b, pos, end);
        if (t <= 0x7f) { pos++; return (long) t; }
        if (t >= 0xe0) { pos++; return (long) (byte) t; }
        if (t <= 0x8f) { pos++; return readMap(t & 0x0f, depth); }
        if (t <= 0x9f) { pos++; return readArray(t & 0x0f, depth); }
        if (t <= 0xbf) { return readStr(); }
        switch (t) {
            case 0xc0: pos++; return null;
            case 0xc2: pos++; return Boolean.FALSE;
            case 0xc3: pos++; return Boolean.TRUE;
            case 0xc4: case 0xc5: case 0xc6: {
                int off = Msgpack.payloadOffset(b, pos, end);
                int len = Msgpack.payloadLength(b, pos, end);
                byte[] out = new byte[len];
                System.arraycopy(b, off, out, 0, len);
                pos = off + len;
                return out;
            }
            case 0xd9: case 0xda: case 0xdb: return readStr();
            case 0xca: { float f = Float.intBitsToFloat((int) Msgpack.u32(b, pos + 1, end)); pos += 5; return (double) f; }
            case 0xcb: { double d = Double.longBitsToDouble(Msgpack.i64(b, pos + 1, end)); pos += 9; return d; }
            case 0xcc: { long v = Msgpack.u8(b, pos + 1, end); pos += 2; return v; }
            case 0xcd: { long v = Msgpack.u16(b, pos + 1, end); pos += 3; return v; }
            case 0xce: { long v = Msgpack.u32(b, pos + 1, end); pos += 5; return v; }
            case 0xcf: {
                long v = Msgpack.i64(b, pos + 1, end); pos += 9;
                return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case 0xd0: { long v = (byte) Msgpack.u8(b, pos + 1, end); pos += 2; return v; }
            case 0xd1: { long v = (short) Msgpack.u16(b, pos + 1, end); pos += 3; return v; }
            case 0xd2: { long v = (int) Msgpack.u32(b, pos + 1, end); pos += 5; return v; }
            case 0xd3: { long v = Msgpack.i64(b, pos + 1, end); pos += 9; return v; }
            case 0xdc: { long n = Msgpack.u16(b, pos + 1, end); pos += 3; return readArray(n, depth); }
            case 0xdd: { long n = Msgpack.u32(b, pos + 1, end); pos += 5; return readArray(n, depth); }
            case 0xde: { long n = Msgpack.u16(b, pos + 1, end); pos += 3; return readMap(n, depth); }
            case 0xdf: { long n = Msgpack.u32(b, pos + 1, end); pos += 5; return readMap(n, depth); }
            case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: case 0xc7: case 0xc8: case 0xc9:
                return readExt();
            default:
                throw new MalformedMsgpackException("invalid msgpack type byte 0xc1 at offset " + pos);
        }
    }

    private String readStr() {
        int off = Msgpack.payloadOffset(b, pos, end);
        int len = Msgpack.payloadLength(b, pos, end);
        pos = off + len;
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private Object readExt() {
        int t = b[pos] & 0xff;
        int len;
        int header;
        switch (t) {
            case 0xd4 -> { len = 1; header = 1; }
            case 0xd5 -> { len = 2; header = 1; }
            case 0xd6 -> { len = 4; header = 1; }
            case 0xd7 -> { len = 8; header = 1; }
            case 0xd8 -> { len = 16; header = 1; }
            case 0xc7 -> { len = Msgpack.u8(b, pos + 1, end); header = 2; }
            case 0xc8 -> { len = Msgpack.u16(b, pos + 1, end); header = 3; }
            default -> {
                long l = Msgpack.u32(b, pos + 1, end);
                if (l > end - pos) throw Msgpack.truncated(pos);
                len = (int) l; header = 5;
            }
        }
        int typePos = pos + header;
        if ((long) typePos + 1 + len > end) throw Msgpack.truncated(pos);
        byte type = b[typePos];
        if (type == 0 && len == 8) {
            EventTime et = Msgpack.readTime(b, pos, end);
            pos = typePos + 1 + len;
            return et;
        }
        byte[] data = new byte[len];
        System.arraycopy(b, typePos + 1, data, 0, len);
        pos = typePos + 1 + len;
        return new ExtValue(type, data);
    }

    private List<Object> readArray(long n, int depth) {
        if (n > end - pos) throw new MalformedMsgpackException("array of " + n + " elements exceeds the data at offset " + pos);
        List<Object> list = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) list.add(read(depth + 1));
        return list;
    }

    private Map<String, Object> readMap(long n, int depth) {
        if (2 * n > end - pos) throw new MalformedMsgpackException("map of " + n + " entries exceeds the data at offset " + pos);
        Map<String, Object> map = new LinkedHashMap<>((int) Math.min(n * 2, 1 << 16));
        for (long i = 0; i < n; i++) {
            Object k = read(depth + 1);
            Object v = read(depth + 1);
            map.put(keyString(k), v);
        }
        return map;
    }

    private static String keyString(Object k) {
        if (k instanceof String s) return s;
        if (k instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
        return String.valueOf(k);
    }
}
