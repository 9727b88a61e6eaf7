package io.tributary.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Appends msgpack to a growable byte array. Used to build chunks and encode records; reuse one instance with
 * {@link #reset()} on hot paths so no per-record buffer is allocated.
 */
public final class MsgpackWriter {
    private byte[] buf;
    private int size;

    public MsgpackWriter() { this(256); }

    public MsgpackWriter(int initialCapacity) { buf = new byte[Math.max(16, initialCapacity)]; }

    /**
     * Writes into {@code buffer} from its start, moving to a larger copy when it is full: for callers that reuse
     * arrays. Its contents before the first write do not matter.
     */
    public MsgpackWriter(byte[] buffer) { buf = buffer.length >= 16 ? buffer : new byte[16]; }

    public int size() { return size; }
    public byte[] array() { return buf; }
    public void reset() { size = 0; }
    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    /** Truncates to an earlier size, e.g. to undo a partly written record. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) throw new IllegalArgumentException("size " + newSize);
        size = newSize;
    }

    private void ensure(int more) {
        int need = size + more;
        if (need < 0) throw new IllegalStateException("msgpack buffer over 2 GiB");
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length + (buf.length >> 1)));
    }

    public MsgpackWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public MsgpackWriter raw(ByteBuffer src) {
        int len = src.remaining();
        ensure(len);
        src.duplicate().get(buf, size, len);
        size += len;
        return this;
    }

    private void put(int b) { ensure(1); buf[size++] = (byte) b; }

    private void put16(int v) { ensure(2); buf[size++] = (byte) (v >>> 8); buf[size++] = (byte) v; }

    private void put32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24); buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8); buf[size++] = (byte) v;
    }

    private void put64(long v) { put32(v >>> 32); put32(v & 0xffffffffL); }

    public MsgpackWriter arrayHeader(int n) {
        if (n < 16) put(0x90 | n);
        else if (n < 65536) { put(0xdc); put16(n); }
        else { put(0xdd); put32(n); }
        return this;
    }

    public MsgpackWriter mapHeader(int n) {
        if (n < 16) put(0x80 | n);
        else if (n < 65536) { put(0xde); put16(n); }
        else { put(0xdf); put32(n); }
        return this;
    }

    public MsgpackWriter nil() { put(0xc0); return this; }

    public MsgpackWriter bool(boolean v) { put(v ? 0xc3 : 0xc2); return this; }

    public MsgpackWriter integer(long v) {
        if (v >= 0) {
            if (v < 128) put((int) v);
            else if (v < 256) { put(0xcc); put((int) v); }
            else if (v < 65536) { put(0xcd); put16((int) v); }
            else if (v < 4294967296L) { put(0xce); put32(v); }
            else { put(0xcf); put64(v); }
        } else {
            if (v >= -32) put((int) v & 0xff);
            else if (v >= -128) { put(0xd0); put((int) v & 0xff); }
            else if (v >= -32768) { put(0xd1); put16((int) v & 0xffff); }
            else if (v >= Integer.MIN_VALUE) { put(0xd2); put32(v & 0xffffffffL); }
            else { put(0xd3); put64(v); }
        }
        return this;
    }

    public MsgpackWriter float64(double v) { put(0xcb); put64(Double.doubleToLongBits(v)); return this; }

    public MsgpackWriter string(String s) {
        // Most log text is ASCII: write it directly and fall back to the encoder only when needed.
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) if (s.charAt(i) >= 0x80) { ascii = false; break; }
        if (ascii) {
            stringHeader(n);
            ensure(n);
            for (int i = 0; i < n; i++) buf[size++] = (byte) s.charAt(i);
            return this;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return string(utf8, 0, utf8.length);
    }

    public MsgpackWriter string(byte[] utf8, int off, int len) {
        stringHeader(len);
        return raw(utf8, off, len);
    }

    public MsgpackWriter stringHeader(int len) {
        if (len < 32) put(0xa0 | len);
        else if (len < 256) { put(0xd9); put(len); }
        else if (len < 65536) { put(0xda); put16(len); }
        else { put(0xdb); put32(len); }
        return this;
    }

    public MsgpackWriter binary(byte[] b, int off, int len) {
        if (len < 256) { put(0xc4); put(len); }
        else if (len < 65536) { put(0xc5); put16(len); }
        else { put(0xc6); put32(len); }
        return raw(b, off, len);
    }

    public MsgpackWriter ext(byte type, byte[] data) {
        int len = data.length;
        switch (len) {
            case 1 -> put(0xd4);
            case 2 -> put(0xd5);
            case 4 -> put(0xd6);
            case 8 -> put(0xd7);
            case 16 -> put(0xd8);
            default -> {
                if (len < 256) { put(0xc7); put(len); }
                else if (len < 65536) { put(0xc8); put16(len); }
                else { put(0xc9); put32(len); }
            }
        }
        put(type);
        return raw(data, 0, len);
    }

    /** EventTime as Fluent Bit writes it: fixext8, type 0, seconds and nanoseconds as big-endian uint32. */
    public MsgpackWriter eventTime(EventTime t) {
        put(0xd7); put(0);
        put32(t.seconds() & 0xffffffffL); put32(t.nanos());
        return this;
    }

    /** Writes any supported Java value (see {@link LogEvent}). */
    public MsgpackWriter value(Object v) {
        if (v == null) return nil();
        if (v instanceof String s) return string(s);
        if (v instanceof Long l) return integer(l);
        if (v instanceof Integer i) return integer(i);
        if (v instanceof Boolean b) return bool(b);
        if (v instanceof Double d) return float64(d);
        if (v instanceof Float f) return float64(f);
        if (v instanceof Short s) return integer(s);
        if (v instanceof Byte b) return integer(b);
        if (v instanceof java.math.BigInteger bi) { put(0xcf); put64(bi.longValue()); return this; }
        if (v instanceof byte[] b) return binary(b, 0, b.length);
        if (v instanceof Map<?, ?> m) return map(m);
        if (v instanceof List<?> l) {
            arrayHeader(l.size());
            for (Object o : l) value(o);
            return this;
        }
        if (v instanceof EventTime t) return eventTime(t);
        if (v instanceof ExtValue e) return ext(e.type(), e.data());
        if (v instanceof Object[] arr) {
            arrayHeader(arr.length);
            for (Object o : arr) value(o);
            return this;
        }
        return string(v.toString());
    }

    public MsgpackWriter map(Map<?, ?> m) {
        mapHeader(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            if (k instanceof String s) string(s); else value(k);
            value(e.getValue());
        }
        return this;
    }

    /** One event in Fluent Bit's format: {@code [[EventTime, metadata], body]}. */
    public MsgpackWriter event(EventTime time, Map<String, Object> metadata, Map<String, Object> body) {
        put(0x92); put(0x92);
        eventTime(time);
        if (metadata == null || metadata.isEmpty()) put(0x80); else map(metadata);
        return map(body);
    }

    public MsgpackWriter event(LogEvent e) { return event(e.time(), e.metadata(), e.body()); }
}
