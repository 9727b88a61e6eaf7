package io.tributary.output.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the few CBOR (RFC 8949) items a PutRecords request needs, definite-length, into one growable array:
 * maps and arrays by count, text strings and byte strings. Record data goes in as a byte string as it is, which
 * is why Kinesis calls are cheaper in CBOR than in JSON, where every record is base64-encoded.
 */
final class CborWriter {
    private static final int BYTES = 2 << 5;
    private static final int TEXT = 3 << 5;
    private static final int ARRAY = 4 << 5;
    private static final int MAP = 5 << 5;

    private byte[] buf;
    private int size;

    CborWriter(int capacity) { buf = new byte[Math.max(64, capacity)]; }

    /** Empties the writer for another request, with room for at least {@code capacity} bytes. */
    CborWriter reset(int capacity) {
        size = 0;
        if (buf.length < capacity) buf = new byte[capacity];
        return this;
    }

    byte[] array() { return buf; }
    int size() { return size; }

    CborWriter map(int entries) { return head(MAP, entries); }
    CborWriter array(int items) { return head(ARRAY, items); }

    CborWriter bytes(byte[] b) {
        head(BYTES, b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    CborWriter text(String s) {
        int n = s.length();
        if (n < 24 && isAscii(s, n)) {
            // Partition keys, one per record, and field names: written without an encoded copy.
            ensure(1 + n);
            buf[size++] = (byte) (TEXT | n);
            for (int i = 0; i < n; i++) buf[size++] = (byte) s.charAt(i);
            return this;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        head(TEXT, utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, size, utf8.length);
        size += utf8.length;
        return this;
    }

    private static boolean isAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /** The initial byte of an item and its argument in the shortest form (RFC 8949 §3). */
    private CborWriter head(int major, int n) {
        ensure(5);
        if (n < 24) {
            buf[size++] = (byte) (major | n);
        } else if (n < 0x100) {
            buf[size++] = (byte) (major | 24);
            buf[size++] = (byte) n;
        } else if (n < 0x10000) {
            buf[size++] = (byte) (major | 25);
            buf[size++] = (byte) (n >>> 8);
            buf[size++] = (byte) n;
        } else {
            buf[size++] = (byte) (major | 26);
            buf[size++] = (byte) (n >>> 24);
            buf[size++] = (byte) (n >>> 16);
            buf[size++] = (byte) (n >>> 8);
            buf[size++] = (byte) n;
        }
        return this;
    }

    private void ensure(int more) {
        int need = size + more;
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
}
