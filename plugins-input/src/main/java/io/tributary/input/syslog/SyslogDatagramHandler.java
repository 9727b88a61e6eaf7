package io.tributary.input.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * UDP and unix_udp: one datagram is one message (RFC 5426 section 3.1). Trailing LF, CR or NUL that some
 * senders add are not part of it. One per socket, on its event loop.
 */
final class SyslogDatagramHandler extends ChannelInboundHandlerAdapter {
    private final RecordBatch batch;
    private final Problems problems;
    private final int maxMessageBytes;
    private final String scheme;
    private final String unixPath;
    private SocketAddress lastSender;
    private Peer lastPeer = Peer.UNKNOWN;
    private byte[] scratch = new byte[4096];

    SyslogDatagramHandler(RecordBatch batch, Problems problems, int maxMessageBytes, String scheme, String unixPath) {
        this.batch = batch;
        this.problems = problems;
        this.maxMessageBytes = maxMessageBytes;
        this.scheme = scheme;
        this.unixPath = unixPath;
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof AddressedEnvelope<?, ?> envelope) || !(envelope.content() instanceof ByteBuf content)) return;
            Peer peer = peerOf(envelope.sender());
            int start = content.readerIndex();
            int len = content.readableBytes();
            while (len > 0) {
                byte last = content.getByte(start + len - 1);
                if (last != '\n' && last != '\r' && last != 0) break;
                len--;
            }
            if (len == 0) return;
            if (len > maxMessageBytes) {
                problems.oversize(peer, len);
                return;
            }
            if (content.hasArray()) {
                batch.add(content.array(), content.arrayOffset() + start, len, peer);
            } else {
                if (scratch.length < len) scratch = new byte[Math.max(len, scratch.length * 2)];
                content.getBytes(start, scratch, 0, len);
                batch.add(scratch, 0, len, peer);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private Peer peerOf(Object sender) {
        // Senders repeat: build the peer's strings once per sender, not once per datagram.
        if (sender instanceof SocketAddress address && Objects.equals(address, lastSender)) return lastPeer;
        SocketAddress address = sender instanceof SocketAddress a ? a : null;
        lastSender = address;
        lastPeer = Peer.of(scheme, address, unixPath);
        return lastPeer;
    }

    @Override public void channelReadComplete(ChannelHandlerContext ctx) {
        batch.flush();
        ctx.fireChannelReadComplete();
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        batch.flush();
        problems.connectionFailed(lastPeer, String.valueOf(cause));
    }
}
