package io.tributary.output.aws;

import io.tributary.record.Msgpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A record key, nested with {@code ->} as the AWS plugins write it ({@code kubernetes->pod_name}), looked up
 * straight in a record's msgpack bytes without decoding it.
 */
public final class KeyPath {
    private final String text;
    private final byte[][] segments;

    private KeyPath(String text, byte[][] segments) {
        this.text = text;
        this.segments = segments;
    }

    public static KeyPath parse(String text) {
        List<byte[]> parts = new ArrayList<>();
        for (String s : text.split("->", -1)) {
            if (s.isEmpty()) throw new IllegalArgumentException("'" + text + "' has an empty key segment");
            parts.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return new KeyPath(text, parts.toArray(new byte[0][]));
    }

    /** The position of the value at this path inside the map at {@code mapPos}, or -1 when absent. */
    public int find(byte[] b, int mapPos, int end) {
        int pos = mapPos;
        for (byte[] seg : segments) {
            if (!Msgpack.isMap(b, pos, end)) return -1;
            pos = valueOf(b, pos, end, seg);
            if (pos < 0) return -1;
        }
        return pos;
    }

    /** The value position for {@code key} in the map at {@code mapPos}, or -1. */
    public static int valueOf(byte[] b, int mapPos, int end, byte[] key) {
        long n = Msgpack.mapLength(b, mapPos, end);
        int p = mapPos + Msgpack.containerHeaderSize(b, mapPos, end);
        for (long i = 0; i < n; i++) {
            boolean match = false;
            if (Msgpack.isStringOrBinary(b, p, end)) {
                int off = Msgpack.payloadOffset(b, p, end);
                int len = Msgpack.payloadLength(b, p, end);
                match = len == key.length && java.util.Arrays.equals(b, off, off + len, key, 0, len);
            }
            p = Msgpack.skip(b, p, end);
            if (match) return p;
            p = Msgpack.skip(b, p, end);
        }
        return -1;
    }

    @Override public String toString() { return text; }
}
