package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * RFC 6587 section 3.4.2 non-transparent framing: one message per line (see {@link LineFramer} for the
 * delimiters and limits). At the end of the stream a last line without LF is still a message: the sender
 * closed right after writing it.
 */
final class NewlineFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private final FramingListener listener;
    private final LineFramer lines = new LineFramer();

    NewlineFrameDecoder(int maxFrameBytes, FramingListener listener) {
        this.maxFrameBytes = maxFrameBytes;
        this.listener = listener;
    }

    @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && lines.decodeOne(in, maxFrameBytes, listener, out)) {
            // one line per turn
        }
    }

    @Override protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        lines.finish(in, maxFrameBytes, listener, out);
    }
}
