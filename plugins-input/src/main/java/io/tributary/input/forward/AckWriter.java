package io.tributary.input.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Encodes the Forward ack, {@code {"ack": <chunk>}}, echoing the chunk value exactly as the client sent it. */
final class AckWriter {
    private static final byte[] PREFIX = {(byte) 0x81, (byte) 0xa3, 'a', 'c', 'k'};

    private AckWriter() {}

    /** {@code chunk[offset, offset + length)} is the encoded chunk value (header included). */
    static ByteBuf ack(ByteBufAllocator alloc, byte[] chunk, int offset, int length) {
        ByteBuf out = alloc.buffer(PREFIX.length + length);
        out.writeBytes(PREFIX).writeBytes(chunk, offset, length);
        return out;
    }
}
