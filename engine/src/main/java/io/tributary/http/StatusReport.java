package io.tributary.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.engine.Engine;
import io.tributary.engine.EngineView;
import io.tributary.engine.FilterInstance;
import io.tributary.engine.InputInstance;
import io.tributary.engine.OutputInstance;
import io.tributary.engine.ServiceSettings;
import io.tributary.engine.Version;
import io.tributary.log.Logs;
import io.tributary.spi.PluginLog;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /status.json}: what the status page draws, in one read: every instance with its counters, buffer and
 * pause state, drops by reason, last warning or error, the routes from each input's tag, and other gauges the
 * plugins registered under the instance's name (adaptive rate, batch fill, ...). Names, tags, match rules and
 * counters only: no option values, so no secret can appear.
 */
final class StatusReport {
    private StatusReport() {}

    static HttpReply reply(ServerContext ctx) {
        Engine engine = ctx.engine();
        EngineView view = engine.view();
        MeterRegistry registry = engine.meters();
        Map<String, Map<String, Double>> droppedByName = dropped(registry, "tributary.input.dropped.records");
        Map<String, Map<String, Double>> gaugesByName = gauges(registry);
        HealthWindow.State health = ctx.health().state(engine, System.nanoTime());
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("version", Version.VERSION);
            g.writeStringField("hostname", ctx.hostname());
            g.writeNumberField("now_ms", System.currentTimeMillis());
            g.writeNumberField("uptime_sec", ctx.uptimeSeconds());
            g.writeStringField("uptime_hr", UptimeReport.humanReadable(ctx.uptimeSeconds()));
            g.writeNumberField("hot_reloads", ctx.control().reloads());
            g.writeBooleanField("hot_reload_enabled", engine.service().get(ServiceSettings.HOT_RELOAD));
            g.writeNumberField("flush_ms", engine.service().flush().toMillis());
            g.writeObjectFieldStart("health");
            g.writeStringField("status", health.healthy() ? "ok" : "error");
            g.writeBooleanField("enabled", health.enabled());
            g.writeNumberField("errors", health.errors());
            g.writeNumberField("retries_failed", health.retriesFailed());
            g.writeNumberField("error_limit", health.errorLimit());
            g.writeNumberField("retry_failure_limit", health.retryFailureLimit());
            g.writeNumberField("period_sec", health.periodSeconds());
            g.writeEndObject();

            g.writeArrayFieldStart("inputs");
            for (InputInstance i : view.inputs()) input(g, i, false, view, droppedByName, gaugesByName);
            for (InputInstance i : view.emitters()) input(g, i, true, view, droppedByName, gaugesByName);
            g.writeEndArray();

            g.writeArrayFieldStart("filters");
            for (FilterInstance f : view.filters()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("plugin", f.pluginName());
                g.writeStringField("match", String.valueOf(f.matcher()));
                Json.number(g, "records", f.filterMeters().records());
                Json.number(g, "added", f.filterMeters().added());
                Json.number(g, "dropped", f.filterMeters().dropped());
                lastProblem(g, f.log());
                gaugeMap(g, gaugesByName.get(f.name()));
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("outputs");
            for (OutputInstance o : view.outputs()) {
                g.writeStartObject();
                g.writeStringField("name", o.name());
                g.writeStringField("plugin", o.pluginName());
                g.writeStringField("match", String.valueOf(o.matcher()));
                g.writeNumberField("workers", o.workers());
                g.writeStringField("retry_limit", String.valueOf(o.retryPolicy()));
                Json.number(g, "proc_records", o.outputMeters().procRecords());
                Json.number(g, "proc_bytes", o.outputMeters().procBytes());
                Json.number(g, "errors", o.outputMeters().errors());
                Json.number(g, "retries", o.outputMeters().retries());
                Json.number(g, "retries_failed", o.outputMeters().retriesFailed());
                g.writeNumberField("pending_records", o.pendingRecords());
                g.writeNumberField("pending_tasks", o.pendingTasks());
                reasons(g, o.outputMeters().droppedByReason());
                lastProblem(g, o.log());
                gaugeMap(g, gaugesByName.get(o.name()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        })).withHeader("Cache-Control", "no-store");
    }

    private static void input(JsonGenerator g, InputInstance i, boolean emitter, EngineView view,
                              Map<String, Map<String, Double>> dropped, Map<String, Map<String, Double>> gauges)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", i.name());
        g.writeStringField("plugin", i.pluginName());
        g.writeStringField("tag", i.tag());
        g.writeBooleanField("emitter", emitter);
        Json.number(g, "records", i.inputMeters().records());
        Json.number(g, "bytes", i.inputMeters().bytes());
        Json.number(g, "errors", i.inputMeters().errors());
        g.writeBooleanField("paused", i.isPaused());
        g.writeNumberField("buffer_bytes", i.bufferedBytes());
        g.writeNumberField("mem_buf_limit", i.memBufLimit());
        g.writeNumberField("chunks_open", i.openChunks());
        g.writeNumberField("chunks_busy", i.busyChunks());
        reasons(g, dropped.getOrDefault(i.name(), Map.of()));
        g.writeArrayFieldStart("filters");
        for (FilterInstance f : view.filters()) if (f.matcher().matches(i.tag())) g.writeString(f.name());
        g.writeEndArray();
        g.writeArrayFieldStart("outputs");
        for (OutputInstance o : view.outputs()) if (o.matcher().matches(i.tag())) g.writeString(o.name());
        g.writeEndArray();
        lastProblem(g, i.log());
        gaugeMap(g, gauges.get(i.name()));
        g.writeEndObject();
    }

    private static void reasons(JsonGenerator g, Map<String, Double> byReason) throws IOException {
        g.writeObjectFieldStart("dropped");
        for (Map.Entry<String, Double> e : byReason.entrySet()) Json.number(g, e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private static void lastProblem(JsonGenerator g, PluginLog log) throws IOException {
        Optional<Logs.Problem> p = Logs.lastProblem(log);
        if (p.isEmpty()) {
            g.writeNullField("last_error");
            return;
        }
        g.writeObjectFieldStart("last_error");
        g.writeStringField("level", p.get().level().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("message", p.get().message());
        g.writeNumberField("time_ms", p.get().epochMillis());
        g.writeEndObject();
    }

    private static void gaugeMap(JsonGenerator g, Map<String, Double> gauges) throws IOException {
        g.writeObjectFieldStart("gauges");
        if (gauges != null) for (Map.Entry<String, Double> e : gauges.entrySet()) Json.number(g, e.getKey(), e.getValue());
        g.writeEndObject();
    }

    /** Drop counters of one meter name, by instance name and reason. */
    private static Map<String, Map<String, Double>> dropped(MeterRegistry registry, String meter) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Counter c : registry.find(meter).counters()) {
            String name = c.getId().getTag("name");
            String reason = c.getId().getTag("reason");
            if (name == null || reason == null) continue;
            out.computeIfAbsent(name, k -> new TreeMap<>()).merge(reason, c.count(), Double::sum);
        }
        return out;
    }

    /**
     * Gauges that plugins registered with a {@code name} tag (an AWS output's adaptive rate, batch fill, ...),
     * keyed by instance name, then by meter name without the {@code tributary.} prefix.
     */
    private static Map<String, Map<String, Double>> gauges(MeterRegistry registry) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Meter m : registry.getMeters()) {
            if (!(m instanceof Gauge gauge)) continue;
            String name = m.getId().getTag("name");
            if (name == null) continue;
            String key = m.getId().getName().startsWith("tributary.") ? m.getId().getName().substring(10) : m.getId().getName();
            List<String> extra = m.getId().getTags().stream()
                    .filter(t -> !t.getKey().equals("name") && !t.getKey().equals("plugin"))
                    .map(t -> t.getKey() + "=" + t.getValue()).toList();
            if (!extra.isEmpty()) key = key + "{" + String.join(",", extra) + "}";
            out.computeIfAbsent(name, k -> new TreeMap<>()).put(key, gauge.value());
        }
        return out;
    }
}
