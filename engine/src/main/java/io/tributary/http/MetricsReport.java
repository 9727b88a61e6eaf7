package io.tributary.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.engine.EngineView;
import io.tributary.engine.FilterInstance;
import io.tributary.engine.InputInstance;
import io.tributary.engine.OutputInstance;
import io.tributary.metrics.FilterMeters;
import io.tributary.metrics.OutputMeters;

import java.io.IOException;

/**
 * {@code GET /api/v1/metrics}: Fluent Bit's JSON, {@code input}, {@code filter} and {@code output} maps keyed by
 * instance name (alias, or {@code plugin.N}) with its field names. Fields Tributary does not measure (filter
 * bytes, output retried_records) are left out rather than reported as zero.
 */
final class MetricsReport {
    private MetricsReport() {}

    static HttpReply reply(ServerContext ctx) {
        EngineView view = ctx.engine().view();
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("input");
            for (InputInstance i : view.inputs()) input(g, i);
            for (InputInstance i : view.emitters()) input(g, i);
            g.writeEndObject();
            if (!view.filters().isEmpty()) {
                g.writeObjectFieldStart("filter");
                for (FilterInstance f : view.filters()) {
                    FilterMeters m = f.filterMeters();
                    g.writeObjectFieldStart(f.name());
                    Json.number(g, "drop_records", m.dropped());
                    Json.number(g, "add_records", m.added());
                    Json.number(g, "records", m.records());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeObjectFieldStart("output");
            for (OutputInstance o : view.outputs()) {
                OutputMeters m = o.outputMeters();
                g.writeObjectFieldStart(o.name());
                Json.number(g, "proc_records", m.procRecords());
                Json.number(g, "proc_bytes", m.procBytes());
                Json.number(g, "errors", m.errors());
                Json.number(g, "retries", m.retries());
                Json.number(g, "retries_failed", m.retriesFailed());
                Json.number(g, "dropped_records", m.droppedTotal());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    private static void input(JsonGenerator g, InputInstance i) throws IOException {
        g.writeObjectFieldStart(i.name());
        Json.number(g, "records", i.inputMeters().records());
        Json.number(g, "bytes", i.inputMeters().bytes());
        g.writeEndObject();
    }
}
