package io.tributary.input.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.record.EventTime;
import io.tributary.record.JsonValues;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.StoreException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Netty listener for the tcp input; one record per separator-delimited frame. */
final class TcpInput implements InputPlugin {
    private final TcpSettings settings;
    private EventLoopGroup group;
    private Channel server;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean paused;
    private InputContext ctx;

    TcpInput(TcpSettings settings) { this.settings = settings; }

    @Override
    public void start(InputContext context) throws Exception {
        this.ctx = context;
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ByteBuf delimiter = Unpooled.copiedBuffer(settings.separator(), StandardCharsets.UTF_8);
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, !paused)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.config().setAutoRead(!paused);
                        ch.pipeline().addLast(new DelimiterBasedFrameDecoder(settings.maxRecordBytes(), true, false,
                                delimiter.retainedDuplicate()));
                        ch.pipeline().addLast(new RecordHandler());
                    }
                });
        server = b.bind(settings.listen(), settings.port()).sync().channel();
        context.log().info("listening on " + server.localAddress());
    }

    /** The bound address (port 0 in tests). */
    InetSocketAddress localAddress() { return (InetSocketAddress) server.localAddress(); }

    private final class RecordHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override protected void channelRead0(ChannelHandlerContext c, ByteBuf frame) {
            if (frame.readableBytes() == 0) return;
            String text = frame.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
            if (text.isBlank()) return;
            Map<String, Object> body;
            if (settings.json()) {
                try {
                    body = JsonValues.parseObject(text.trim());
                } catch (IllegalArgumentException e) {
                    ctx.countError();
                    ctx.log().warn(c.channel().remoteAddress() + ": skipped a line that is not a JSON object: " + e.getMessage());
                    return;
                }
            } else {
                body = new LinkedHashMap<>();
                body.put("log", text);
            }
            if (settings.sourceAddressKey() != null) {
                InetSocketAddress peer = (InetSocketAddress) c.channel().remoteAddress();
                body.put(settings.sourceAddressKey(), "tcp://" + peer.getAddress().getHostAddress() + ":" + peer.getPort());
            }
            try {
                ctx.append(ctx.tag(), new LogEvent(EventTime.now(), body));
            } catch (StoreException e) {
                ctx.log().warn("record not stored, closing " + c.channel().remoteAddress() + ": " + e.getMessage());
                c.close();
            }
        }

        @Override public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                ctx.countDropped("oversize", 1);
                ctx.log().warn(c.channel().remoteAddress() + ": record longer than buffer_size "
                        + settings.maxRecordBytes() + " bytes skipped");
                return;
            }
            ctx.countError();
            ctx.log().warn(c.channel().remoteAddress() + ": " + cause.getMessage() + "; closing");
            c.close();
        }
    }

    @Override public void pause() {
        paused = true;
        connections.forEach(ch -> ch.config().setAutoRead(false));
    }

    @Override public void resume() {
        paused = false;
        connections.forEach(ch -> {
            ch.config().setAutoRead(true);
            ch.read();
        });
    }

    @Override
    public void stop() {
        if (server != null) server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        if (group != null) group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
