package io.tributary.input.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tributary.spi.InputContext;

/**
 * Ends one connection that sent something unacceptable: one log line naming the peer and the reason, the input's
 * error counter, then close. Other connections are untouched. Acks already queued for frames that were stored are
 * flushed first, so a client never resends records the engine already holds.
 */
final class ConnectionFailures {
    private final InputContext context;

    ConnectionFailures(InputContext context) { this.context = context; }

    void refuse(ChannelHandlerContext ctx, String reason) {
        report(ctx, reason);
        ctx.flush();
        ctx.close();
    }

    /** Sends {@code reply} (e.g. a refusing PONG), then closes. */
    void refuse(ChannelHandlerContext ctx, String reason, byte[] reply) {
        report(ctx, reason);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    private void report(ChannelHandlerContext ctx, String reason) {
        context.countError();
        context.log().warn(PeerAddress.of(ctx.channel()) + ": " + reason + "; closing the connection");
    }

    InputContext context() { return context; }
}
