package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.util.List;

/**
 * Cuts one delimited line off a cumulation buffer, the part both stream decoders share. LF or NUL ends a line
 * (as in Fluent Bit's in_syslog), a CR before it is dropped, empty lines are skipped, and a line longer than the
 * limit is discarded as it streams past and reported once, without being buffered. Remembers how far an
 * incomplete line was searched so that a long line arriving in small reads is scanned once.
 */
final class LineFramer {
    private static final ByteProcessor FIND_DELIMITER = b -> b != '\n' && b != 0;

    private int scanned;
    private boolean discarding;
    private long discardedBytes;

    boolean discarding() { return discarding; }

    /** Whether a line has started and not ended (its first byte is at the reader index). */
    boolean inProgress() { return scanned > 0 || discarding; }

    /**
     * Consumes one line (or the start of an oversize one). Returns false when the buffer holds no complete line
     * and more bytes are needed.
     */
    boolean decodeOne(ByteBuf in, int maxFrameBytes, FramingListener listener, List<Object> out) {
        int start = in.readerIndex();
        int delimiter = in.forEachByte(start + scanned, in.writerIndex() - start - scanned, FIND_DELIMITER);
        if (delimiter < 0) {
            int readable = in.readableBytes();
            // One byte of slack: a line of exactly the limit may still be followed by the CR of its CRLF.
            if (discarding || readable > maxFrameBytes + 1) {
                discardedBytes += readable;
                discarding = true;
                in.skipBytes(readable);
                scanned = 0;
            } else {
                scanned = readable;
            }
            return false;
        }
        scanned = 0;
        int length = delimiter - start;
        in.readerIndex(delimiter + 1);
        if (discarding) {
            discarding = false;
            listener.oversize(discardedBytes + length);
            discardedBytes = 0;
            return true;
        }
        emit(in, start, length, maxFrameBytes, listener, out);
        return true;
    }

    /** At the end of the stream: what is left is the last line, or the end of a discarded one. */
    void finish(ByteBuf in, int maxFrameBytes, FramingListener listener, List<Object> out) {
        if (discarding) {
            listener.oversize(discardedBytes + in.readableBytes());
        } else if (in.isReadable()) {
            emit(in, in.readerIndex(), in.readableBytes(), maxFrameBytes, listener, out);
        }
        in.skipBytes(in.readableBytes());
        discarding = false;
        discardedBytes = 0;
        scanned = 0;
    }

    private static void emit(ByteBuf in, int start, int length, int maxFrameBytes, FramingListener listener, List<Object> out) {
        int lineBytes = length;   // what is reported: the line as sent, CR included, as the discard path counts it
        if (length > 0 && in.getByte(start + length - 1) == '\r') length--;
        if (length == 0) return;
        if (length > maxFrameBytes) {
            listener.oversize(lineBytes);
            return;
        }
        out.add(in.retainedSlice(start, length));
    }
}
