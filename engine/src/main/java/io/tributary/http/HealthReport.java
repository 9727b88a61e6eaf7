package io.tributary.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.engine.ServiceSettings;

/**
 * {@code /api/v1/health}: 200 "ok" or 500 "error" as plain text, served only with {@code Health_Check on} (404
 * otherwise, as Fluent Bit). {@code /api/v2/health}: always served, the same verdict as JSON with the counts and
 * limits ({@code status, errors, retries_failed, error_limit, retry_failure_limit, period_limit}).
 */
final class HealthReport {
    private HealthReport() {}

    static HttpReply v1(ServerContext ctx) {
        if (!ctx.engine().service().get(ServiceSettings.HEALTH_CHECK)) return HttpReply.notFound();
        HealthWindow.State s = ctx.health().state(ctx.engine(), System.nanoTime());
        return s.healthy() ? HttpReply.text(HttpResponseStatus.OK, "ok\n")
                : HttpReply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "error\n");
    }

    static HttpReply v2(ServerContext ctx) {
        HealthWindow.State s = ctx.health().state(ctx.engine(), System.nanoTime());
        return HttpReply.json(s.healthy() ? HttpResponseStatus.OK : HttpResponseStatus.INTERNAL_SERVER_ERROR,
                Json.bytes(g -> {
                    g.writeStartObject();
                    g.writeStringField("status", s.healthy() ? "ok" : "error");
                    g.writeNumberField("errors", s.errors());
                    g.writeNumberField("retries_failed", s.retriesFailed());
                    g.writeNumberField("error_limit", s.errorLimit());
                    g.writeNumberField("retry_failure_limit", s.retryFailureLimit());
                    g.writeNumberField("period_limit", s.periodSeconds());
                    g.writeEndObject();
                }));
    }
}
