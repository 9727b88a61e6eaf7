package io.tributary.input.forward;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Finds where one Forward message ends in a stream of msgpack bytes, resuming where the previous call stopped so
 * a frame that arrives in many reads is walked once (O(n), not O(n²)). Every Forward message is one msgpack array
 * of 2 to 4 elements; the scanner records where each top-level element starts so the mode decoder need not walk
 * records again.
 *
 * <p>Nothing is allocated from a declared size: container sizes only raise a counter of values still to come, and
 * that counter, like every str/bin/ext length, is checked against {@code maxFrameBytes} before waiting for data.
 * One scanner per connection; not thread-safe.
 */
final class ForwardFrameScanner {
    /**
     * Top-level elements a frame may have: a Forward message has 2 to 4 ([tag, time, record, option] at most), the
     * handshake's PING has 6. The mode decoder refuses more than its mode allows.
     */
    static final int MAX_ELEMENTS = 6;

    private final int maxFrameBytes;
    /** Offset (from the frame start) of the next value to look at; 0 means a new frame. */
    private int pos;
    /** Top-level elements of the frame; 0 until the outer header was read. */
    private int elements;
    /** Index of the top-level element being walked. */
    private int element;
    /** Values still to skip inside the current top-level element (container sizes add to it). */
    private long pending;
    private final int[] starts = new int[MAX_ELEMENTS + 1];

    ForwardFrameScanner(int maxFrameBytes) { this.maxFrameBytes = maxFrameBytes; }

    /**
     * Continues scanning the frame that starts at {@code b[base]}, with {@code available} bytes present.
     * Returns the frame length once it is complete (then {@link #elementStart} is valid until the next call),
     * or -1 when more bytes are needed.
     *
     * @throws CorruptedFrameException when the bytes cannot be a Forward message
     * @throws TooLongFrameException   when the frame would exceed {@code maxFrameBytes}
     */
    int scan(byte[] b, int base, int available) {
        if (elements == 0) {
            if (available < 1) return -1;
            int t = b[base] & 0xff;
            int n;
            int header;
            if (t >= 0x90 && t <= 0x9f) { n = t & 0x0f; header = 1; }
            else if (t == 0xdc) { if (available < 3) return -1; n = u16(b, base + 1); header = 3; }
            else if (t == 0xdd) {
                if (available < 5) return -1;
                long n32 = u32(b, base + 1);
                throw new CorruptedFrameException("a Forward message is an array of 2 to 6 elements, got " + n32);
            }
            else throw new CorruptedFrameException("a Forward message starts with an array, got byte 0x" + hex(t));
            if (n < 2 || n > MAX_ELEMENTS) {
                throw new CorruptedFrameException("a Forward message is an array of 2 to 6 elements, got " + n);
            }
            elements = n;
            element = 0;
            pos = header;
            starts[0] = header;
            pending = 1;
        }
        while (true) {
            while (pending > 0) {
                int advance = valueHeader(b, base, available);
                if (advance < 0) return -1;
                pos += advance;
                pending--;
                pending += children;
                if (pos > maxFrameBytes || pending > (long) maxFrameBytes - pos) {
                    // Each value takes a byte at least: this many cannot fit in the largest frame we accept.
                    throw new TooLongFrameException("frame exceeds buffer_max_size " + maxFrameBytes + " bytes (at offset "
                            + pos + ", " + pending + " more values declared)");
                }
            }
            element++;
            starts[element] = pos;
            if (element == elements) {
                int length = pos;
                lastElements = elements;
                pos = 0;
                elements = 0;
                return length;
            }
            pending = 1;
        }
    }

    private int lastElements;
    /** Child values of the value whose header {@link #valueHeader} just read (2 per map entry). */
    private long children;

    /** Top-level elements of the frame {@link #scan} last completed. */
    int elements() { return lastElements; }

    /** Offset from the frame start of top-level element {@code i}; {@code elementStart(elements())} is the end. */
    int elementStart(int i) { return starts[i]; }

    /**
     * Size of the value at {@code pos}, counting its payload but not its children (set in {@link #children}),
     * or -1 when the bytes are not all there yet.
     */
    private int valueHeader(byte[] b, int base, int available) {
        children = 0;
        int left = available - pos;
        if (left < 1) return -1;
        int p = base + pos;
        int t = b[p] & 0xff;
        if (t <= 0x7f || t >= 0xe0) return 1;
        if (t <= 0x8f) { children = 2L * (t & 0x0f); return 1; }
        if (t <= 0x9f) { children = t & 0x0f; return 1; }
        if (t <= 0xbf) return payload(1, t & 0x1f, left);
        switch (t) {
            case 0xc0, 0xc2, 0xc3: return 1;
            case 0xc1: throw new CorruptedFrameException("invalid msgpack type byte 0xc1 at offset " + pos);
            case 0xc4, 0xd9: return left < 2 ? -1 : payload(2, b[p + 1] & 0xff, left);
            case 0xc5, 0xda: return left < 3 ? -1 : payload(3, u16(b, p + 1), left);
            case 0xc6, 0xdb: return left < 5 ? -1 : payload(5, u32(b, p + 1), left);
            case 0xc7: return left < 2 ? -1 : payload(3, b[p + 1] & 0xff, left);
            case 0xc8: return left < 3 ? -1 : payload(4, u16(b, p + 1), left);
            case 0xc9: return left < 5 ? -1 : payload(6, u32(b, p + 1), left);
            case 0xca: return payload(5, 0, left);
            case 0xcb: return payload(9, 0, left);
            case 0xcc, 0xd0: return payload(2, 0, left);
            case 0xcd, 0xd1: return payload(3, 0, left);
            case 0xce, 0xd2: return payload(5, 0, left);
            case 0xcf, 0xd3: return payload(9, 0, left);
            case 0xd4: return payload(3, 0, left);
            case 0xd5: return payload(4, 0, left);
            case 0xd6: return payload(6, 0, left);
            case 0xd7: return payload(10, 0, left);
            case 0xd8: return payload(18, 0, left);
            case 0xdc: if (left < 3) return -1; children = u16(b, p + 1); return 3;
            case 0xdd: if (left < 5) return -1; children = u32(b, p + 1); return 5;
            case 0xde: if (left < 3) return -1; children = 2L * u16(b, p + 1); return 3;
            case 0xdf: if (left < 5) return -1; children = 2L * u32(b, p + 1); return 5;
            default: throw new IllegalStateException("unreachable: 0x" + hex(t));
        }
    }

    /** A value of {@code header + length} bytes: checked against the frame limit before waiting for it. */
    private int payload(int header, long length, int left) {
        long size = header + length;
        if (pos + size > maxFrameBytes) {
            throw new TooLongFrameException("frame of at least " + (pos + size) + " bytes exceeds buffer_max_size "
                    + maxFrameBytes + " bytes");
        }
        return size > left ? -1 : (int) size;
    }

    private static int u16(byte[] b, int p) { return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff); }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static String hex(int t) { return Integer.toHexString(t); }
}
