package io.tributary.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.engine.PipelineControl;
import io.tributary.engine.ServiceSettings;
import io.tributary.spi.PluginLog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring HTTP server ({@code HTTP_Server on}): Fluent Bit's endpoints for build info, uptime, metrics (JSON
 * and Prometheus), storage, health and hot reload, plus a live status page. It runs on its own single event-loop
 * thread, apart from the inputs' and outputs' threads, and only reads counters, so a slow or busy scraper never
 * holds up records. Listen address and port come from {@code HTTP_Listen} and {@code HTTP_Port} of the engine
 * running at start; a hot reload does not move the server.
 */
public final class HttpServer implements AutoCloseable {
    private static final PluginLog LOG = PluginLog.of("http_server");
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final ExecutorService reloads;
    private final Channel channel;
    private final ScheduledFuture<?> sampler;

    private HttpServer(EventLoopGroup group, ExecutorService reloads, Channel channel, ScheduledFuture<?> sampler) {
        this.group = group;
        this.reloads = reloads;
        this.channel = channel;
        this.sampler = sampler;
    }

    /** Starts the server on {@code HTTP_Listen}:{@code HTTP_Port} of the current engine (port 0: any free port). */
    public static HttpServer start(PipelineControl control) throws IOException {
        ServiceSettings service = control.current().service();
        return start(control, service.get(ServiceSettings.HTTP_LISTEN), service.get(ServiceSettings.HTTP_PORT));
    }

    static HttpServer start(PipelineControl control, String listen, int port) throws IOException {
        HealthWindow health = new HealthWindow();
        ServerContext ctx = new ServerContext(control, Hostname.detect(), health);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread t = new Thread(runnable, "tributary-http");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        ExecutorService reloads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-reload-", 0).factory());
        ApiRouter router = new ApiRouter(ctx, reloads);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS) {
                            // An idle keep-alive connection holds a socket and nothing else: close it.
                            @Override protected void channelIdle(ChannelHandlerContext c, IdleStateEvent e) {
                                c.close();
                            }
                        });
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpContentCompressor());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        ch.pipeline().addLast(new HttpRequestHandler(router));
                    }
                })
                .bind(listen, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            reloads.shutdownNow();
            throw new IOException("HTTP server: cannot listen on " + listen + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        Channel channel = bound.channel();
        health.sample(control.current(), System.nanoTime());
        // The health check compares totals a period apart; Fluent Bit samples them once a second too.
        ScheduledFuture<?> sampler = group.next().scheduleAtFixedRate(() -> {
            try {
                health.sample(control.current(), System.nanoTime());
            } catch (RuntimeException e) {
                LOG.warn("health sample failed: " + e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        HttpServer server = new HttpServer(group, reloads, channel, sampler);
        LOG.info("listen iface=" + listen + " tcp_port=" + server.port());
        return server;
    }

    /** The port listened on (useful with {@code HTTP_Port 0}). */
    public int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    @Override
    public void close() {
        sampler.cancel(false);
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        reloads.shutdownNow();
    }
}
