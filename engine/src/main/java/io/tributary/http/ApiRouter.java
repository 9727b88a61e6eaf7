package io.tributary.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.engine.ServiceSettings;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** The endpoint table: Fluent Bit's paths, plus the status page. Unknown paths are 404, wrong methods 405. */
final class ApiRouter {
    private final Map<String, Endpoint> readOnly;
    private final Endpoint reload;

    ApiRouter(ServerContext ctx, Executor reloads) {
        this.readOnly = Map.ofEntries(
                // Browsers ask for HTML and get the status page; tools get Fluent Bit's build info.
                Map.entry("/", Endpoint.now(r -> r.accepts("text/html") ? StatusPage.reply() : BuildInfo.reply())),
                Map.entry("/status", Endpoint.now(r -> StatusPage.reply())),
                Map.entry("/status.json", Endpoint.now(r -> StatusReport.reply(ctx))),
                Map.entry("/api/v1/uptime", Endpoint.now(r -> UptimeReport.reply(ctx))),
                Map.entry("/api/v1/metrics", Endpoint.now(r -> MetricsReport.reply(ctx))),
                Map.entry("/api/v1/metrics/prometheus",
                        Endpoint.now(r -> MetricsExposition.prometheus(ctx, FluentBitMeters.Api.V1))),
                // As Fluent Bit: served only with storage.metrics on.
                Map.entry("/api/v1/storage", Endpoint.now(r -> ctx.engine().service().get(ServiceSettings.STORAGE_METRICS)
                        ? StorageReport.reply(ctx) : HttpReply.notFound())),
                Map.entry("/api/v1/health", Endpoint.now(r -> HealthReport.v1(ctx))),
                Map.entry("/api/v2/health", Endpoint.now(r -> HealthReport.v2(ctx))),
                Map.entry("/api/v2/metrics", Endpoint.now(r -> MetricsExposition.v2(ctx, r))),
                Map.entry("/api/v2/metrics/prometheus",
                        Endpoint.now(r -> MetricsExposition.prometheus(ctx, FluentBitMeters.Api.V2))));
        this.reload = new ReloadEndpoint(ctx, reloads);
    }

    CompletionStage<HttpReply> route(ApiRequest request) {
        if (request.path().equals("/api/v2/reload")) return reload.handle(request);
        Endpoint e = readOnly.get(request.path());
        if (e == null) return CompletableFuture.completedFuture(HttpReply.notFound());
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return CompletableFuture.completedFuture(
                    HttpReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n").withHeader("Allow", "GET, HEAD"));
        }
        return e.handle(request);
    }
}
