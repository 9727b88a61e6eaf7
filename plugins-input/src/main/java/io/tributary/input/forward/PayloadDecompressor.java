package io.tributary.input.forward;

import io.airlift.compress.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a CompressedPackedForward payload: gzip (concatenated members, as the spec allows) or zstd (frames).
 * The output is capped at Buffer_Max_Size, as Fluent Bit caps it, so a small bomb cannot take the heap; a
 * truncated or corrupt payload is reported, never partly accepted.
 */
final class PayloadDecompressor {
    enum Kind { NONE, GZIP, ZSTD }

    private final int maxBytes;
    private byte[] out = new byte[0];
    private int length;

    PayloadDecompressor(int maxBytes) { this.maxBytes = maxBytes; }

    /**
     * The compression named by the option or, when the option is absent or says "text", by the payload's magic
     * bytes: no uncompressed payload can start with them, since an entry starts with an array header.
     */
    static Kind detect(Kind declared, byte[] b, int off, int len) {
        if (declared != Kind.NONE) return declared;
        if (len >= 2 && (b[off] & 0xff) == 0x1f && (b[off + 1] & 0xff) == 0x8b) return Kind.GZIP;
        if (len >= 4 && (b[off] & 0xff) == 0x28 && (b[off + 1] & 0xff) == 0xb5 && (b[off + 2] & 0xff) == 0x2f
                && (b[off + 3] & 0xff) == 0xfd) return Kind.ZSTD;
        return Kind.NONE;
    }

    /** Inflates into {@link #output()}[0, {@link #length()}). */
    void decompress(Kind kind, byte[] b, int off, int len) throws MalformedForwardException {
        String name = kind == Kind.GZIP ? "gzip" : "zstd";
        // Sized from the input with room to grow: never from a size the payload declares about itself.
        if (out.length == 0) out = new byte[(int) Math.min(maxBytes + 1L, Math.max(64 * 1024L, len * 8L))];
        length = 0;
        try (InputStream in = kind == Kind.GZIP
                ? new GZIPInputStream(new ByteArrayInputStream(b, off, len), 8192)
                : new ZstdInputStream(new ByteArrayInputStream(b, off, len))) {
            while (true) {
                if (length == out.length) {
                    if (out.length > maxBytes) {
                        throw new MalformedForwardException(name + " payload inflates beyond buffer_max_size "
                                + maxBytes + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxBytes + 1L, out.length * 2L));
                }
                int n = in.read(out, length, out.length - length);
                if (n < 0) break;
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            // Untrusted bytes: the zstd decoder reports some corruptions as MalformedInputException, others as
            // argument or index errors. Any of them means this payload is bad, never that the server is.
            throw new MalformedForwardException("corrupt or truncated " + name + " payload: " + e.getMessage());
        }
        if (length > maxBytes) {
            throw new MalformedForwardException(name + " payload inflates beyond buffer_max_size " + maxBytes + " bytes");
        }
        if (length == 0) throw new MalformedForwardException("empty " + name + " payload");
    }

    byte[] output() { return out; }

    int length() { return length; }

    /** Drops a large output buffer between frames so an idle connection does not keep megabytes. */
    void trim(int keepBytes) {
        if (out.length > keepBytes) out = new byte[0];
    }
}
