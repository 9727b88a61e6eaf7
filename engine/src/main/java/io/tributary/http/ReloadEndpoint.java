package io.tributary.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.engine.PipelineControl;
import io.tributary.engine.ServiceSettings;
import io.tributary.spi.PluginLog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /api/v2/reload}. {@code GET}: {@code {"hot_reload_count":N}}. {@code POST}/{@code PUT}: reloads the
 * configuration with Fluent Bit's answers: {@code {"reload":"done","status":0}}, {@code "not enabled"} / -1 when
 * {@code Hot_Reload} is off, {@code "in progress"} / -2 (400) while one runs. Fluent Bit's reload is signalled and
 * finishes later, so it cannot report a bad configuration; this one waits for the outcome and answers a rejected
 * configuration with 400 {@code {"reload":"failed","status":-3,"message":"<reason>"}} (the old pipeline keeps
 * running). The reload drains buffers, so it runs on its own thread, never on the server's event loop.
 */
final class ReloadEndpoint implements Endpoint {
    private static final PluginLog LOG = PluginLog.of("http_server");

    private final ServerContext ctx;
    private final Executor reloads;
    private final AtomicBoolean running = new AtomicBoolean();

    ReloadEndpoint(ServerContext ctx, Executor reloads) {
        this.ctx = ctx;
        this.reloads = reloads;
    }

    @Override
    public CompletionStage<HttpReply> handle(ApiRequest request) {
        HttpMethod m = request.method();
        PipelineControl control = ctx.control();
        if (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD)) {
            return done(HttpReply.json(Json.bytes(g -> {
                g.writeStartObject();
                g.writeNumberField("hot_reload_count", control.reloads());
                g.writeEndObject();
            })));
        }
        if (!m.equals(HttpMethod.POST) && !m.equals(HttpMethod.PUT)) {
            return done(HttpReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n")
                    .withHeader("Allow", "GET, POST, PUT"));
        }
        if (!ctx.engine().service().get(ServiceSettings.HOT_RELOAD)) {
            return done(answer(HttpResponseStatus.OK, "not enabled", -1, null));
        }
        if (!running.compareAndSet(false, true)) {
            return done(answer(HttpResponseStatus.BAD_REQUEST, "in progress", -2, null));
        }
        LOG.info("reload requested over HTTP");
        return CompletableFuture.supplyAsync(control::reload, reloads).handle((result, failure) -> {
            running.set(false);
            if (failure != null) {
                LOG.error("reload failed: " + failure, failure);
                return answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, "failed", -3, String.valueOf(failure.getMessage()));
            }
            if (result.applied()) return answer(HttpResponseStatus.OK, "done", 0, null);
            return answer(HttpResponseStatus.BAD_REQUEST, "failed", -3, result.message());
        });
    }

    private static CompletionStage<HttpReply> done(HttpReply r) { return CompletableFuture.completedFuture(r); }

    private static HttpReply answer(HttpResponseStatus status, String reload, int code, String message) {
        return HttpReply.json(status, Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("reload", reload);
            g.writeNumberField("status", code);
            if (message != null) g.writeStringField("message", message);
            g.writeEndObject();
        }));
    }
}
