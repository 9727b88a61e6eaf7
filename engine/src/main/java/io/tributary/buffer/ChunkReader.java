package io.tributary.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads and verifies a chunk file. Every frame is checked against its CRC32C; reading stops at the first frame
 * that is incomplete or does not match, so what comes back is exactly the appends that were written whole.
 */
final class ChunkReader {
    private ChunkReader() {}

    /**
     * A verified read. {@code data[0, length)} holds the records of the whole frames, back to back; {@code damage}
     * is null when the file was intact, otherwise why the rest of it was not used.
     */
    record Contents(ChunkHeader header, byte[] data, int length, int records, int frames, long fileBytes,
                    String damage) {
        boolean intact() { return damage == null; }
    }

    /** The header could not be read: nothing in the file can be trusted. */
    static final class UnreadableHeader extends IOException {
        UnreadableHeader(String message) { super(message); }
    }

    static Contents read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ChunkHeader header = header(b);
        int pos = headerLength(b);
        int out = 0;
        int records = 0;
        int frames = 0;
        String damage = null;
        while (pos < b.length) {
            if (b.length - pos < ChunkFormat.FRAME_HEADER_BYTES) {
                damage = "torn frame header at byte " + pos + " (" + (b.length - pos) + " trailing bytes)";
                break;
            }
            ByteBuffer fh = ByteBuffer.wrap(b, pos, ChunkFormat.FRAME_HEADER_BYTES);
            int len = fh.getInt();
            int count = fh.getInt();
            int crc = fh.getInt();
            if (len <= 0 || len > ChunkFormat.MAX_FRAME_BYTES || count <= 0) {
                damage = "bad frame header at byte " + pos + " (length " + Integer.toUnsignedString(len)
                        + ", records " + Integer.toUnsignedString(count) + ")";
                break;
            }
            if ((long) b.length - pos - ChunkFormat.FRAME_HEADER_BYTES < len) {
                damage = "torn frame at byte " + pos + ": " + len + " bytes announced, "
                        + (b.length - pos - ChunkFormat.FRAME_HEADER_BYTES) + " present";
                break;
            }
            if (ChunkFormat.frameCrc(b, pos, len) != crc) {
                damage = "checksum mismatch in frame at byte " + pos;
                break;
            }
            // Compact the payloads in place: the frame headers between them are not record data.
            System.arraycopy(b, pos + ChunkFormat.FRAME_HEADER_BYTES, b, out, len);
            out += len;
            records += count;
            frames++;
            pos += ChunkFormat.FRAME_HEADER_BYTES + len;
        }
        return new Contents(header, b, out, records, frames, b.length, damage);
    }

    private static ChunkHeader header(byte[] b) throws UnreadableHeader {
        if (b.length < ChunkFormat.FIXED_HEADER_BYTES + 4) {
            throw new UnreadableHeader("file too short for a chunk header (" + b.length + " bytes)");
        }
        if (!Arrays.equals(b, 0, 4, ChunkFormat.MAGIC, 0, 4)) throw new UnreadableHeader("not a chunk file (bad magic)");
        ByteBuffer h = ByteBuffer.wrap(b);
        h.position(4);
        int version = h.get() & 0xff;
        if (version != ChunkFormat.VERSION) throw new UnreadableHeader("unsupported chunk format version " + version);
        h.get();
        int tagLen = h.getShort() & 0xffff;
        int inputLen = h.getShort() & 0xffff;
        long created = h.getLong();
        long id = h.getLong();
        int end = ChunkFormat.FIXED_HEADER_BYTES + tagLen + inputLen;
        if (b.length < end + 4) throw new UnreadableHeader("torn chunk header");
        CRC32C crc = new CRC32C();
        crc.update(b, 0, end);
        if ((int) crc.getValue() != ByteBuffer.wrap(b, end, 4).getInt()) {
            throw new UnreadableHeader("chunk header checksum mismatch");
        }
        String tag = new String(b, ChunkFormat.FIXED_HEADER_BYTES, tagLen, StandardCharsets.UTF_8);
        String input = new String(b, ChunkFormat.FIXED_HEADER_BYTES + tagLen, inputLen, StandardCharsets.UTF_8);
        return new ChunkHeader(id, tag, input, created);
    }

    private static int headerLength(byte[] b) {
        int tagLen = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
        int inputLen = ((b[8] & 0xff) << 8) | (b[9] & 0xff);
        return ChunkFormat.FIXED_HEADER_BYTES + tagLen + inputLen + 4;
    }
}
