package io.tributary.input.forward;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.tributary.spi.InputContext;
import io.tributary.spi.StoreException;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * The last stage: hands each decoded message to the engine and, when the sender asked (option chunk), acks it
 * once {@link InputContext#append} has returned, that is once the records are stored. A frame that fails to decode
 * or to store is never acked; its connection is closed so the client resends it, and other connections carry on.
 * Every error of the pipeline ends here.
 */
final class ForwardRecordHandler extends ChannelInboundHandlerAdapter {
    private final InputContext context;
    private final ForwardModeDecoder decoder;
    private final ConnectionFailures failures;
    private boolean failed;
    private boolean flushPending;

    ForwardRecordHandler(ForwardModeDecoder decoder, ConnectionFailures failures) {
        this.context = failures.context();
        this.decoder = decoder;
        this.failures = failures;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ForwardFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (failed) return;
            decoder.decode(frame);
            context.append(decoder.tag(), decoder.data(), decoder.dataOffset(), decoder.dataLength(), decoder.records());
            // The client drops its copy when it sees the ack: send it only now that the engine holds the records.
            if (decoder.wantsAck()) {
                ctx.write(AckWriter.ack(ctx.alloc(), frame.array(), decoder.ackOffset(), decoder.ackLength()));
                flushPending = true;
            }
        } catch (MalformedForwardException e) {
            fail(ctx, "malformed Forward message: " + e.getMessage());
        } catch (StoreException e) {
            failed = true;
            context.log().error(PeerAddress.of(ctx.channel()) + ": could not store " + decoder.records()
                    + " records (" + e.getMessage() + "); closing without ack so the client resends them");
            ctx.flush();
            ctx.close();
        } finally {
            frame.release();
            decoder.trim();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // One flush per read batch: a pipelining client gets all its acks in one write.
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable e = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (failed) return;
        if (e instanceof TooLongFrameException) {
            fail(ctx, e.getMessage());
        } else if (e instanceof CorruptedFrameException) {
            fail(ctx, "malformed Forward message: " + e.getMessage());
        } else if (e instanceof SSLException) {
            fail(ctx, "TLS: " + e.getMessage());
        } else if (e instanceof IOException) {
            // The peer went away (reset, broken pipe): nothing it sent without an ack was taken.
            failed = true;
            context.log().debug(PeerAddress.of(ctx.channel()) + ": " + e.getMessage());
            ctx.close();
        } else {
            failed = true;
            context.countError();
            context.log().error(PeerAddress.of(ctx.channel()) + ": unexpected error; closing the connection", e);
            ctx.close();
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        failed = true;
        failures.refuse(ctx, reason);
    }
}
