package io.tributary.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.spi.PluginLog;

import java.util.Map;

/**
 * Turns a decoded request into an {@link ApiRequest}, asks the router, and writes the reply on the channel's event
 * loop (a reload answers later, from another thread). An endpoint that throws answers 500 and is logged; the
 * server keeps serving.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final PluginLog LOG = PluginLog.of("http_server");

    private final ApiRouter router;

    HttpRequestHandler(ApiRouter router) { this.router = router; }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, HttpReply.text(HttpResponseStatus.BAD_REQUEST, "bad request\n"), false, false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        ApiRequest api = new ApiRequest(request.method(), uri.path(), uri.parameters(),
                request.headers().get(HttpHeaderNames.ACCEPT));
        try {
            router.route(api).whenComplete((reply, failure) -> {
                HttpReply r = failure == null ? reply : failed(api, failure);
                if (ctx.executor().inEventLoop()) write(ctx, r, keepAlive, head);
                else ctx.executor().execute(() -> write(ctx, r, keepAlive, head));
            });
        } catch (RuntimeException e) {
            write(ctx, failed(api, e), keepAlive, head);
        }
    }

    private static HttpReply failed(ApiRequest api, Throwable failure) {
        LOG.error(api.method() + " " + api.path() + " failed: " + failure, failure);
        return HttpReply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error\n");
    }

    private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        response.headers().set(HttpHeaderNames.SERVER, "Tributary");
        for (Map.Entry<String, String> h : reply.headers().entrySet()) response.headers().set(h.getKey(), h.getValue());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection from " + ctx.channel().remoteAddress() + " closed: " + cause);
        ctx.close();
    }
}
