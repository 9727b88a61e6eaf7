package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import java.io.IOException;
import java.util.function.Function;

import javax.net.ssl.SSLException;

/**
 * The last handler of a TCP or unix_tcp connection: receives the frames its decoder cut, encodes them into the
 * connection's batch and appends the batch when the read is done. Also the decoder's {@link FramingListener},
 * so each skipped frame is counted with the peer that sent it. One per connection.
 */
final class SyslogStreamHandler extends ChannelInboundHandlerAdapter implements FramingListener {
    private final RecordBatch batch;
    private final Problems problems;
    private final Function<ChannelHandlerContext, Peer> peerOf;
    private Peer peer = Peer.UNKNOWN;

    SyslogStreamHandler(RecordBatch batch, Problems problems, Function<ChannelHandlerContext, Peer> peerOf) {
        this.batch = batch;
        this.problems = problems;
        this.peerOf = peerOf;
    }

    @Override public void handlerAdded(ChannelHandlerContext ctx) {
        peer = peerOf.apply(ctx);
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            batch.add(frame, peer);
        } finally {
            frame.release();
        }
    }

    @Override public void channelReadComplete(ChannelHandlerContext ctx) {
        batch.flush();
        ctx.fireChannelReadComplete();
    }

    @Override public void channelInactive(ChannelHandlerContext ctx) {
        batch.flush();
        ctx.fireChannelInactive();
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        batch.flush();
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException) {
            problems.connectionFailed(peer, "TLS: " + root.getMessage() + "; closed the connection");
        } else if (root instanceof IOException) {
            // A peer resetting the connection is its business; nothing it sent before is lost.
        } else {
            problems.connectionFailed(peer, root + "; closed the connection");
        }
        ctx.close();
    }

    @Override public void oversize(long frameBytes) { problems.oversize(peer, frameBytes); }

    @Override public void malformed(String what) { problems.malformed(peer, what); }

    @Override public void truncated(long bytes) { problems.truncated(peer, bytes); }
}
