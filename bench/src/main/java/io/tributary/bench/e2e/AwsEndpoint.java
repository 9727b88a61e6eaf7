package io.tributary.bench.e2e;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fast local stand-in for one AWS batch API over HTTPS on 127.0.0.1: checks what AWS would refuse (operation,
 * SigV4 header naming the service and region, stream or queue, entry count and size limits), answers in the
 * API's JSON, and records every entry in a {@link DeliveryLedger}. Entries fail as the {@link EndpointBehaviour}
 * says. Two event-loop threads: the engine under test must get the CPU, not the endpoint.
 */
final class AwsEndpoint implements AutoCloseable {
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private final AwsApi api;
    private final EndpointBehaviour behaviour;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel channel;
    private final String region;
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();
    private final java.util.concurrent.atomic.LongAdder connections = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder busyNanos = new java.util.concurrent.atomic.LongAdder();

    AwsEndpoint(AwsApi api, EndpointBehaviour behaviour, TestCertificate cert, String region) throws Exception {
        this.api = api;
        this.behaviour = behaviour;
        this.region = region;
        SslContext tls = SslContextBuilder.forServer(cert.certFile().toFile(), cert.keyFile().toFile()).build();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.increment();
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(11 * 1024 * 1024), new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /**
     * Runs the request path (parse, answer; JSON and CBOR) on synthetic full batches until the JIT has compiled
     * it, so that the first requests of a short run are not served by the interpreter.
     */
    static void warmUp() throws AwsApi.Refusal {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        CborWriter cbor = new CborWriter().map(2).text("Records").array(PutRecordsApi.MAX_ENTRIES);
        for (int i = 0; i < PutRecordsApi.MAX_ENTRIES; i++) {
            byte[] rec = ("{\"seq\":" + i + ",\"log\":\"" + "x".repeat(250) + "\"}").getBytes(StandardCharsets.US_ASCII);
            json.append(i == 0 ? "" : ",").append("{\"Data\":\"").append(java.util.Base64.getEncoder().encodeToString(rec))
                    .append("\",\"PartitionKey\":\"k").append(i).append("\"}");
            cbor.map(2).text("Data").bytes(rec).text("PartitionKey").text("k" + i);
        }
        byte[] kinesisJson = json.append("],\"StreamName\":\"warm\"}").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] kinesisCbor = cbor.text("StreamName").text("warm").bytes();
        byte[] firehoseJson = new String(kinesisJson, StandardCharsets.US_ASCII)
                .replace("\"StreamName\"", "\"DeliveryStreamName\"").getBytes(StandardCharsets.US_ASCII);
        PutRecordsApi kinesis = new PutRecordsApi("warm");
        PutRecordBatchApi firehose = new PutRecordBatchApi("warm");
        boolean[] none = new boolean[PutRecordsApi.MAX_ENTRIES];
        for (int i = 0; i < 300; i++) {
            kinesis.answer(kinesis.parse(kinesisJson), none, 0);
            kinesis.answerCbor(kinesis.parseCbor(kinesisCbor), none, 0);
            firehose.answer(firehose.parse(firehoseJson), none, 0);
        }
    }

    int port() { return ((InetSocketAddress) channel.localAddress()).getPort(); }

    DeliveryLedger.Counts counts() { return ledger.counts(); }

    /** TLS connections accepted: an engine that reconnects per request pays a handshake each time. */
    long connections() { return connections.sum(); }

    /** Time spent handling requests (parse, settle, answer): shows the endpoint is not what limits a run. */
    long busyNanos() { return busyNanos.sum(); }

    /** The first request refused, if any (a harness or engine bug worth showing). */
    String firstRefusal() { return firstRefusal.get(); }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long t0 = System.nanoTime();
            try {
                handle(ctx, req);
            } finally {
                busyNanos.add(System.nanoTime() - t0);
            }
        }

        private void handle(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            String target = req.headers().get("X-Amz-Target", "");
            if (req.method() != HttpMethod.POST || !req.uri().equals("/")) {
                refuse(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "UnknownOperationException", req.method() + " " + req.uri());
                return;
            }
            String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            String scope = "/" + region + "/" + api.signingName() + "/aws4_request";
            if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=") || !auth.contains(scope) || !auth.contains("Signature=")) {
                refuse(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "IncompleteSignatureException",
                        "Authorization must be SigV4 with scope " + scope);
                return;
            }
            if (!target.equals(api.target())) {
                refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "UnknownOperationException",
                        "X-Amz-Target " + target + "; this endpoint serves " + api.target());
                return;
            }
            boolean cbor = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "").startsWith(CBOR);
            try {
                byte[] body = ByteBufUtil.getBytes(req.content());
                AwsApi.Entries entries = cbor ? api.parseCbor(body) : api.parse(body);
                boolean[] failed = new boolean[entries.count];
                int failedCount = ledger.settle(entries.seqs, entries.count, entries.count == api.maxEntries(),
                        behaviour, failed);
                reply(ctx, keepAlive, HttpResponseStatus.OK, cbor ? CBOR : api.contentType(),
                        cbor ? api.answerCbor(entries, failed, failedCount) : api.answer(entries, failed, failedCount));
            } catch (AwsApi.Refusal r) {
                refuse(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, r.type, r.getMessage(), cbor);
            }
        }

        private void refuse(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type, String message) {
            refuse(ctx, keepAlive, status, type, message, false);
        }

        private void refuse(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type,
                            String message, boolean cbor) {
            ledger.rejected();
            firstRefusal.compareAndSet(null, status.code() + " " + type + ": " + message);
            byte[] body = cbor
                    ? new CborWriter().map(2).text("__type").text(type).text("message").text(message).bytes()
                    : ("{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'") + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            reply(ctx, keepAlive, status, cbor ? CBOR : api.contentType(), body);
        }

        private void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String type, byte[] body) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
            if (keepAlive) ctx.writeAndFlush(res);
            else ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // a client that went away or broke TLS; the engine logs its side
        }
    }
}
