package io.tributary.input.forward;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@code forward} input: a Netty server for the Fluentd Forward Protocol v1 on TCP and/or a unix socket,
 * optionally TLS and the shared-key handshake. One small event loop group per instance: one thread accepts,
 * one or two read. While the engine has the input paused no socket is read and no connection accepted, so TCP
 * slows the senders down; nothing already received is dropped.
 */
public final class ForwardInput implements InputPlugin {
    private final ForwardConfig.Settings settings;
    private final SecureRandom random = new SecureRandom();
    private final List<Channel> servers = new CopyOnWriteArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("forward", GlobalEventExecutor.INSTANCE);
    private volatile boolean paused;
    private boolean unixBound;
    private InputContext context;
    private EventLoopGroup acceptors;
    private EventLoopGroup readers;

    ForwardInput(ForwardConfig.Settings settings) { this.settings = settings; }

    @Override
    public void start(InputContext context) throws Exception {
        this.context = context;
        SslContext ssl = settings.tls().isPresent() ? TlsServerContext.build(settings.tls().get()) : null;
        boolean epoll = Epoll.isAvailable();
        if (settings.unixPath().isPresent() && !epoll) {
            throw new IOException("Unix_Path needs Netty's native epoll transport, not available here: "
                    + Epoll.unavailabilityCause());
        }
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(context.name() + "-accept", true), io);
        readers = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(context.name() + "-io", true), io);
        // A Tag the user set replaces the sender's tag (as Fluent Bit); the engine's default Tag is the name.
        String fixedTag = context.tagConfigured() ? context.tag() : null;
        ConnectionFailures failures = new ConnectionFailures(context);
        try {
            if (settings.listen().isPresent()) {
                bind(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class,
                        new InetSocketAddress(settings.listen().get(), settings.port()), ssl, fixedTag, failures, true);
            }
            if (settings.unixPath().isPresent()) {
                Path path = settings.unixPath().get();
                removeStaleSocket(path);
                bind(EpollServerDomainSocketChannel.class, new DomainSocketAddress(path.toString()), ssl, fixedTag,
                        failures, false);
                unixBound = true;
                if (settings.unixPerm().isPresent()) Files.setPosixFilePermissions(path, permissions(settings.unixPerm().get()));
            }
        } catch (Exception e) {
            stop();
            throw e;
        }
        for (Channel server : servers) context.log().info("listening on " + describe(server.localAddress()));
    }

    private void bind(Class<? extends ServerChannel> type, SocketAddress address, SslContext ssl, String fixedTag,
                      ConnectionFailures failures, boolean tcp) throws Exception {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, readers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Added before reading the flag, so a pause either sees this channel or it sees the pause.
                        connections.add(ch);
                        if (paused) ch.config().setAutoRead(false);
                        if (tcp) ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) p.addLast("tls", ssl.newHandler(ch.alloc()));
                        p.addLast("frames", new ForwardFrameDecoder(settings.bufferMaxBytes(), settings.bufferChunkBytes()));
                        settings.auth().ifPresent(a -> p.addLast("handshake", new HandshakeHandler(a, random, failures)));
                        p.addLast("records", new ForwardRecordHandler(new ForwardModeDecoder(settings.tagPrefix().orElse(null),
                                fixedTag, settings.bufferMaxBytes()), failures));
                    }
                });
        if (tcp) b.option(ChannelOption.SO_REUSEADDR, true);
        Channel server;
        try {
            server = b.bind(address).sync().channel();
        } catch (Exception e) {
            throw new IOException("forward: could not listen on " + describe(address) + ": " + e.getMessage(), e);
        }
        if (paused) server.config().setAutoRead(false);
        servers.add(server);
    }

    /** Fluent Bit removes a leftover socket file from an earlier run, but never a file of another kind. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0170000) != 0140000) throw new IOException("forward: " + path + " exists and is not a unix socket");
        Files.delete(path);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) if ((mode & (1 << i)) != 0) set.add(bits[i]);
        return set;
    }

    private static String describe(SocketAddress a) {
        if (a instanceof DomainSocketAddress d) return "unix://" + d.path();
        if (a instanceof InetSocketAddress in) return in.getHostString() + ":" + in.getPort();
        return String.valueOf(a);
    }

    @Override
    public void pause() {
        paused = true;
        setReading(false);
    }

    @Override
    public void resume() {
        paused = false;
        setReading(true);
    }

    /** Netty applies autoRead changes on each channel's own event loop, so this is safe from any thread. */
    private void setReading(boolean read) {
        for (Channel server : servers) server.config().setAutoRead(read);
        for (Channel ch : connections) ch.config().setAutoRead(read);
    }

    /** Where the listeners are bound (with the actual port when Port was 0). */
    public List<SocketAddress> boundAddresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (Channel s : servers) out.add(s.localAddress());
        return out;
    }

    /** Open client connections. */
    public int connectionCount() { return connections.size(); }

    @Override
    public void stop() {
        for (Channel server : servers) server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        servers.clear();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (acceptors != null) acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (readers != null) readers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (unixBound) {
            unixBound = false;
            try {
                Files.deleteIfExists(settings.unixPath().get());
            } catch (IOException e) {
                if (context != null) context.log().warn("could not remove " + settings.unixPath().get() + ": " + e.getMessage());
            }
        }
    }
}
