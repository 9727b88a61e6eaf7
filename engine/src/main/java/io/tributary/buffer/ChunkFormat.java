package io.tributary.buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The layout of a chunk file. All integers are big-endian.
 *
 * <pre>
 * header:  magic "TRCK" | version u8 (1) | flags u8 (0) | tag length u16 | input length u16
 *          | created millis i64 | chunk id i64 | tag UTF-8 | input UTF-8 | CRC32C of everything before it, u32
 * frames:  payload length u32 | record count u32 | CRC32C of (length, count, payload) u32 | payload
 * </pre>
 *
 * One frame per append call, so a write torn by a crash or a full disk damages at most the last frame, which was
 * never acknowledged; every frame before it is whole and verifiable on its own.
 */
final class ChunkFormat {
    private ChunkFormat() {}

    static final byte[] MAGIC = {'T', 'R', 'C', 'K'};
    static final int VERSION = 1;
    /** magic, version, flags, two lengths, created, id. */
    static final int FIXED_HEADER_BYTES = 4 + 1 + 1 + 2 + 2 + 8 + 8;
    static final int FRAME_HEADER_BYTES = 12;
    static final int MAX_NAME_BYTES = 65_535;
    /** A frame longer than this is a corrupt length field, not data: appends are far smaller than chunks. */
    static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;

    static byte[] header(long id, String tag, String input, long createdMillis) {
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        if (t.length > MAX_NAME_BYTES || in.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tag or input name longer than " + MAX_NAME_BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED_HEADER_BYTES + t.length + in.length + 4);
        b.put(MAGIC).put((byte) VERSION).put((byte) 0).putShort((short) t.length).putShort((short) in.length)
                .putLong(createdMillis).putLong(id).put(t).put(in);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Fills {@code into} (12 bytes, position 0) with a frame header for {@code data[off, off+len)}. */
    static void frameHeader(ByteBuffer into, byte[] data, int off, int len, int records) {
        into.clear();
        into.putInt(len).putInt(records);
        CRC32C crc = new CRC32C();
        crc.update(into.array(), 0, 8);
        crc.update(data, off, len);
        into.putInt((int) crc.getValue());
        into.flip();
    }

    static int frameCrc(byte[] file, int frameStart, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(file, frameStart, 8);
        crc.update(file, frameStart + FRAME_HEADER_BYTES, payloadLength);
        return (int) crc.getValue();
    }
}
