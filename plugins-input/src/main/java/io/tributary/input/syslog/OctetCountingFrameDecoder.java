package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.util.List;

/**
 * RFC 6587 section 3.4.1 octet counting, {@code MSG-LEN SP SYSLOG-MSG}, as RFC 5425 uses over TLS.
 * <ul>
 * <li>The length is checked before anything is buffered: a frame over {@code maxFrameBytes} is skipped as it
 *     streams past and reported, and the frames after it are decoded as usual.</li>
 * <li>A frame that starts with '&lt;' is a newline-framed message from a sender that does not count octets;
 *     rsyslog's imtcp accepts the mix in the same way (RFC 6587 section 3.4.2 says a receiver may detect it).</li>
 * <li>Stray CR, LF, NUL or spaces between frames are skipped. Anything else where a length should be is
 *     reported and skipped up to the next LF, where decoding starts again.</li>
 * </ul>
 */
final class OctetCountingFrameDecoder extends ByteToMessageDecoder {
    /** Ten digits already exceed any int; a longer run is not a length. */
    private static final int MAX_LENGTH_DIGITS = 10;

    private final int maxFrameBytes;
    private final FramingListener listener;
    private long skipRemaining;
    private long skippedFrameBytes;
    private boolean resyncToNewline;
    private final LineFramer line = new LineFramer();

    OctetCountingFrameDecoder(int maxFrameBytes, FramingListener listener) {
        this.maxFrameBytes = maxFrameBytes;
        this.listener = listener;
    }

    @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipRemaining > 0) {
                int n = (int) Math.min(in.readableBytes(), skipRemaining);
                in.skipBytes(n);
                skipRemaining -= n;
                if (skipRemaining > 0) return;
                listener.oversize(skippedFrameBytes);
                continue;
            }
            if (resyncToNewline) {
                int lf = in.forEachByte(ByteProcessor.FIND_LF);
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                resyncToNewline = false;
                continue;
            }
            if (line.inProgress()) {
                if (!line.decodeOne(in, maxFrameBytes, listener, out)) return;
                continue;
            }
            int start = in.readerIndex();
            byte first = in.getByte(start);
            if (first >= '1' && first <= '9') {
                if (!lengthPrefixed(in, start, out)) return;
            } else if (first == '<') {
                if (!line.decodeOne(in, maxFrameBytes, listener, out)) return;
            } else if (first == '\n' || first == '\r' || first == 0 || first == ' ') {
                in.skipBytes(1);
            } else {
                listener.malformed(String.format("byte 0x%02x where an octet count was expected", first & 0xff));
                resyncToNewline = true;
            }
        }
    }

    /** Decodes one {@code LEN SP MSG} frame; false when more bytes are needed. */
    private boolean lengthPrefixed(ByteBuf in, int start, List<Object> out) {
        int readable = in.readableBytes();
        long length = 0;
        int i = 0;
        while (i < readable && i <= MAX_LENGTH_DIGITS) {
            byte c = in.getByte(start + i);
            if (c == ' ') break;
            if (c < '0' || c > '9') {
                listener.malformed(String.format("octet count followed by byte 0x%02x instead of a space", c & 0xff));
                in.skipBytes(i);
                resyncToNewline = true;
                return true;
            }
            length = length * 10 + (c - '0');
            i++;
        }
        if (i > MAX_LENGTH_DIGITS) {
            listener.malformed("octet count longer than " + MAX_LENGTH_DIGITS + " digits");
            in.skipBytes(i);
            resyncToNewline = true;
            return true;
        }
        if (i == readable) return false;   // the space has not arrived yet
        int body = start + i + 1;
        if (length > maxFrameBytes) {
            in.readerIndex(body);
            skipRemaining = length;
            skippedFrameBytes = length;
            return true;
        }
        if (in.writerIndex() - body < length) return false;   // incomplete: leave the reader index where it was
        out.add(in.retainedSlice(body, (int) length));
        in.readerIndex(body + (int) length);
        return true;
    }

    @Override protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (skipRemaining > 0) {
            // The oversize frame would have been dropped anyway; report it as what it was.
            listener.oversize(skippedFrameBytes);
            skipRemaining = 0;
        } else if (line.inProgress()) {
            line.finish(in, maxFrameBytes, listener, out);
        } else if (in.isReadable()) {
            if (!resyncToNewline) {
                listener.truncated(in.readableBytes());
            }
            in.skipBytes(in.readableBytes());
        }
        resyncToNewline = false;
    }
}
