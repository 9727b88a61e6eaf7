package io.tributary.output.aws;

import io.airlift.compress.zstd.ZstdCompressor;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Per-record compression of the AWS outputs ({@code compression}): gzip and zstd as Fluent Bit, zlib as the Go
 * plugins. Each record is compressed on its own, so a consumer decompresses each Kinesis or Firehose record.
 */
public enum Compression {
    NONE, GZIP, ZLIB, ZSTD;

    public static final String[] NAMES = {"none", "gzip", "zlib", "zstd"};

    public static Compression of(String name) {
        return name == null ? NONE : valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Extra bytes compression can add to incompressible input, bounded generously for every codec here. */
    public int worstCaseOverhead(int length) { return this == NONE ? 0 : length / 100 + 1024; }

    /** A compressor holding reusable state; one per encoder, not thread-safe. */
    public Compressor newCompressor() {
        return switch (this) {
            case NONE -> (b, off, len) -> Arrays.copyOfRange(b, off, off + len);
            case GZIP -> new DeflateCompressor(true);
            case ZLIB -> new DeflateCompressor(false);
            case ZSTD -> new Zstd();
        };
    }

    @FunctionalInterface
    public interface Compressor {
        byte[] compress(byte[] data, int offset, int length);
    }

    private static final class DeflateCompressor implements Compressor {
        private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private final boolean gzip;
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private byte[] buf = new byte[4096];

        DeflateCompressor(boolean gzip) {
            this.gzip = gzip;
            this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, gzip);
        }

        @Override public byte[] compress(byte[] data, int offset, int length) {
            deflater.reset();
            deflater.setInput(data, offset, length);
            deflater.finish();
            int pos = 0;
            if (gzip) {
                System.arraycopy(GZIP_HEADER, 0, buf, 0, GZIP_HEADER.length);
                pos = GZIP_HEADER.length;
            }
            while (!deflater.finished()) {
                if (pos == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                pos += deflater.deflate(buf, pos, buf.length - pos);
            }
            if (gzip) {
                crc.reset();
                crc.update(data, offset, length);
                if (pos + 8 > buf.length) buf = Arrays.copyOf(buf, pos + 8);
                putIntLE(buf, pos, (int) crc.getValue());
                putIntLE(buf, pos + 4, length);
                pos += 8;
            }
            return Arrays.copyOf(buf, pos);
        }

        private static void putIntLE(byte[] b, int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
        }
    }

    private static final class Zstd implements Compressor {
        private final ZstdCompressor zstd = new ZstdCompressor();
        private byte[] buf = new byte[4096];

        @Override public byte[] compress(byte[] data, int offset, int length) {
            int max = zstd.maxCompressedLength(length);
            if (buf.length < max) buf = new byte[max];
            int n = zstd.compress(data, offset, length, buf, 0, buf.length);
            return Arrays.copyOf(buf, n);
        }
    }
}
