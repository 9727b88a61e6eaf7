package io.tributary.input.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The syslog listener: a Netty server per mode. Stream connections get TLS (optional), a frame decoder and a
 * {@link SyslogStreamHandler}; datagram sockets a {@link SyslogDatagramHandler}. Pausing stops reading: for
 * streams the kernel buffers fill and TCP (or the unix socket) slows the sender, and no new connection is
 * accepted; for unix datagrams the sender blocks; UDP datagrams wait in the socket's receive buffer
 * (Receive_Buffer_Size) and what overflows it is counted from the kernel's own drop counter.
 */
final class SyslogInput implements InputPlugin {
    private final SyslogConfig.Settings settings;
    private final Clock clock;
    private final ChannelGroup connections = new DefaultChannelGroup("syslog", GlobalEventExecutor.INSTANCE);
    private volatile boolean paused;
    private EventLoopGroup group;
    private Channel listener;
    private InputContext context;

    SyslogInput(SyslogConfig.Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override public void start(InputContext context) throws Exception {
        this.context = context;
        Problems problems = new Problems(context, settings.parserName(), settings.maxMessageBytes());
        SyslogConfig.Mode mode = settings.mode();
        boolean epoll = Epoll.isAvailable();
        if (mode.unix && !epoll) {
            throw new IOException("syslog mode " + mode.name().toLowerCase() + " needs Linux epoll: " + Epoll.unavailabilityCause());
        }
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        int threads = mode.stream ? Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())) : 1;
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("syslog-" + context.name(), true), io);
        SocketAddress address = mode.unix ? new DomainSocketAddress(prepareSocketPath()) : new InetSocketAddress(settings.listen(), settings.port());
        try {
            listener = mode.stream ? bindStream(problems, epoll, address) : bindDatagram(problems, epoll, address);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("syslog: cannot listen on " + describe(address) + ": " + e.getMessage(), e);
        }
        if (mode.unix) Files.setPosixFilePermissions(settings.path(), permissions(settings.unixPerm()));
        if (mode == SyslogConfig.Mode.UDP) watchKernelDrops(problems);
        context.log().info("listening on " + mode.scheme() + "://" + describe(boundAddress())
                + (settings.tls() != null ? " (TLS" + (settings.tls().requiresClientCertificates() ? ", client certificates required)" : ")") : "")
                + ", parser " + settings.parserName() + (mode.stream ? ", " + (settings.octetCounting() ? "octet_counting" : "newline") + " framing" : ""));
    }

    private Channel bindStream(Problems problems, boolean epoll, SocketAddress address) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(settings.mode().unix ? EpollServerDomainSocketChannel.class
                        : epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator(512, settings.chunkBytes(), Math.max(settings.chunkBytes(), 64 * 1024)))
                .childHandler(new ChannelInitializer<>() {
                    @Override protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (settings.tls() != null) p.addLast("tls", settings.tls().newHandler(ch.alloc()));
                        RecordBatch batch = new RecordBatch(context, settings.newEncoder(), clock, problems);
                        SyslogStreamHandler handler = new SyslogStreamHandler(batch, problems, SyslogInput.this::peerOf);
                        p.addLast("framing", settings.octetCounting()
                                ? new OctetCountingFrameDecoder(settings.maxMessageBytes(), handler)
                                : new NewlineFrameDecoder(settings.maxMessageBytes(), handler));
                        p.addLast("records", handler);
                        connections.add(ch);
                        // A connection accepted while paused must not read either.
                        if (paused) ch.config().setAutoRead(false);
                    }
                });
        if (settings.receiveBufferBytes() != null) b.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        return b.bind(address).sync().channel();
    }

    private Channel bindDatagram(Problems problems, boolean epoll, SocketAddress address) throws InterruptedException {
        // One buffer byte more than the largest message lets an oversize datagram be told apart from one that fits.
        int bufferBytes = Math.max(settings.maxMessageBytes() + 1, 65_536);
        RecordBatch batch = new RecordBatch(context, settings.newEncoder(), clock, problems);
        SyslogDatagramHandler handler = new SyslogDatagramHandler(batch, problems, settings.maxMessageBytes(),
                settings.mode().scheme(), settings.mode().unix ? settings.path().toString() : null);
        Bootstrap b = new Bootstrap().group(group)
                .channel(settings.mode().unix ? EpollDomainDatagramChannel.class
                        : epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(bufferBytes))
                .handler(handler);
        if (settings.receiveBufferBytes() != null) b.option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        Channel ch = b.bind(address).sync().channel();
        if (paused) ch.config().setAutoRead(false);
        return ch;
    }

    /**
     * Unix datagram senders block when our queue is full, but UDP datagrams are dropped by the kernel before we
     * can read them: check its per-socket drop counter every second and count what it lost.
     */
    private void watchKernelDrops(Problems problems) {
        KernelUdpDrops drops = new KernelUdpDrops(((InetSocketAddress) boundAddress()).getPort());
        if (!drops.available()) return;
        long[] last = {drops.total()};
        listener.eventLoop().scheduleAtFixedRate(() -> {
            long now = drops.total();
            if (now > last[0] && last[0] >= 0) problems.kernelDrops(now - last[0]);
            if (now >= 0) last[0] = now;
        }, 1, 1, TimeUnit.SECONDS);
    }

    private Peer peerOf(ChannelHandlerContext ctx) {
        return Peer.of(settings.mode().scheme(), ctx.channel().remoteAddress(),
                settings.mode().unix ? settings.path().toString() : null);
    }

    private String prepareSocketPath() throws IOException {
        Path path = settings.path();
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            int fileMode = (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            // Replace a socket left by an earlier run, as Fluent Bit does; never delete anything else.
            if ((fileMode & 0170000) != 0140000) throw new IOException(path + " exists and is not a socket");
            Files.delete(path);
        }
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        return path.toString();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) if ((mode & (1 << i)) != 0) set.add(order[i]);
        return set;
    }

    /** The bound address (the real port when Port is 0). */
    SocketAddress boundAddress() { return listener.localAddress(); }

    private static String describe(SocketAddress a) {
        if (a instanceof InetSocketAddress i) return i.getHostString() + ":" + i.getPort();
        if (a instanceof DomainSocketAddress d) return d.path();
        return String.valueOf(a);
    }

    @Override public void pause() {
        paused = true;
        if (listener == null) return;
        listener.config().setAutoRead(false);
        for (Channel c : connections) c.config().setAutoRead(false);
    }

    @Override public void resume() {
        paused = false;
        if (listener == null) return;
        listener.config().setAutoRead(true);
        for (Channel c : connections) c.config().setAutoRead(true);
    }


    @Override public void stop() {
        if (listener != null) listener.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (group != null) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (settings.mode().unix) {
            try {
                Files.deleteIfExists(settings.path());
            } catch (IOException e) {
                context.log().warn("could not remove socket " + settings.path() + ": " + e.getMessage());
            }
        }
    }
}
