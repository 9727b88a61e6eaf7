package io.tributary.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DistributionDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.tributary.engine.Engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One scrape: Fluent Bit's metrics ({@link FluentBitMeters}) followed by the engine's own {@code tributary_*}
 * meters, written as Prometheus text 0.0.4 by the Prometheus client's writer, as cmetrics' text format (Fluent
 * Bit's {@code /api/v2/metrics}), or as JSON. A name both sets define is written once, from the Fluent Bit set.
 */
final class MetricsExposition {
    private static final DateTimeFormatter CMETRICS_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private MetricsExposition() {}

    static MetricSnapshots snapshots(ServerContext ctx, FluentBitMeters.Api api) {
        Engine engine = ctx.engine();
        List<MetricSnapshot> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MetricSnapshot s : FluentBitMeters.registry(ctx, engine, api).getPrometheusRegistry().scrape()) {
            if (names.add(s.getMetadata().getPrometheusName())) all.add(s);
        }
        for (MetricSnapshot s : EngineMeterSnapshots.of(engine.meters())) {
            if (names.add(s.getMetadata().getPrometheusName())) all.add(s);
        }
        return new MetricSnapshots(all);
    }

    /**
     * Prometheus text 0.0.4, written by micrometer-registry-prometheus: an empty registry whose only collector
     * hands over the merged snapshots, so the exposition is the library's, not formatted here.
     */
    static HttpReply prometheus(ServerContext ctx, FluentBitMeters.Api api) {
        MetricSnapshots snapshots = snapshots(ctx, api);
        PrometheusMeterRegistry writer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        writer.getPrometheusRegistry().register((MultiCollector) () -> snapshots);
        return new HttpReply(io.netty.handler.codec.http.HttpResponseStatus.OK, HttpReply.PROMETHEUS,
                writer.scrape().getBytes(StandardCharsets.UTF_8), java.util.Map.of());
    }

    /** {@code GET /api/v2/metrics}: cmetrics' text format, or JSON when the client asks for it. */
    static HttpReply v2(ServerContext ctx, ApiRequest request) {
        MetricSnapshots snapshots = snapshots(ctx, FluentBitMeters.Api.V2);
        if (request.accepts("application/json") || "json".equals(request.param("format"))) return json(snapshots);
        return new HttpReply(io.netty.handler.codec.http.HttpResponseStatus.OK, HttpReply.TEXT,
                cmetricsText(snapshots, Instant.now()).getBytes(StandardCharsets.UTF_8), java.util.Map.of());
    }

    /** {@code 2026-11-23T14:38:12.605283373Z fluentbit_uptime{hostname="vm"} = 8}, one line per sample. */
    static String cmetricsText(MetricSnapshots snapshots, Instant at) {
        String time = CMETRICS_TIME.format(at);
        StringBuilder sb = new StringBuilder(4096);
        for (MetricSnapshot s : snapshots) {
            String name = sampleName(s);
            for (DataPointSnapshot p : s.getDataPoints()) {
                sb.append(time).append(' ').append(name);
                labels(sb, p.getLabels());
                sb.append(" = ");
                value(sb, s, p);
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String sampleName(MetricSnapshot s) {
        String base = s.getMetadata().getPrometheusName();
        if (s instanceof CounterSnapshot) return base + "_total";
        if (s instanceof InfoSnapshot) return base + "_info";
        return base;
    }

    private static void labels(StringBuilder sb, Labels labels) {
        if (labels.isEmpty()) return;
        sb.append('{');
        boolean first = true;
        for (Label l : labels) {
            if (!first) sb.append(',');
            first = false;
            sb.append(l.getName()).append("=\"").append(l.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        sb.append('}');
    }

    private static void value(StringBuilder sb, MetricSnapshot s, DataPointSnapshot p) {
        switch (p) {
            case CounterSnapshot.CounterDataPointSnapshot c -> sb.append(number(c.getValue()));
            case GaugeSnapshot.GaugeDataPointSnapshot g -> sb.append(number(g.getValue()));
            case HistogramSnapshot.HistogramDataPointSnapshot h -> {
                sb.append("{ buckets = { ");
                for (int i = 0; i < h.getClassicBuckets().size(); i++) {
                    if (i > 0) sb.append(", ");
                    double bound = h.getClassicBuckets().getUpperBound(i);
                    sb.append(Double.isInfinite(bound) ? "+Inf" : number(bound)).append('=')
                            .append(h.getClassicBuckets().getCount(i));
                }
                sb.append(" }, ");
                distribution(sb, h);
            }
            case SummarySnapshot.SummaryDataPointSnapshot q -> {
                sb.append("{ quantiles = { ");
                boolean first = true;
                for (Quantile x : q.getQuantiles()) {
                    if (!first) sb.append(", ");
                    first = false;
                    sb.append(number(x.getQuantile())).append('=').append(number(x.getValue()));
                }
                sb.append(" }, ");
                distribution(sb, q);
            }
            case InfoSnapshot.InfoDataPointSnapshot i -> sb.append('1');
            default -> sb.append("NaN");
        }
    }

    private static void distribution(StringBuilder sb, DistributionDataPointSnapshot d) {
        sb.append("sum=").append(d.hasSum() ? number(d.getSum()) : "0").append(", count=")
                .append(d.hasCount() ? d.getCount() : 0).append(" }");
    }

    static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 9.0e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%s", v);
    }

    /** {@code {"metrics":[{"name","type","help","samples":[{"labels":{},"value"}]}]}}; distributions as count and sum. */
    static HttpReply json(MetricSnapshots snapshots) {
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("metrics");
            for (MetricSnapshot s : snapshots) {
                g.writeStartObject();
                g.writeStringField("name", sampleName(s));
                g.writeStringField("type", type(s));
                if (s.getMetadata().getHelp() != null) g.writeStringField("help", s.getMetadata().getHelp());
                g.writeArrayFieldStart("samples");
                for (DataPointSnapshot p : s.getDataPoints()) sample(g, p);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static void sample(JsonGenerator g, DataPointSnapshot p) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("labels");
        for (Label l : p.getLabels()) g.writeStringField(l.getName(), l.getValue());
        g.writeEndObject();
        switch (p) {
            case CounterSnapshot.CounterDataPointSnapshot c -> Json.number(g, "value", c.getValue());
            case GaugeSnapshot.GaugeDataPointSnapshot v -> Json.number(g, "value", v.getValue());
            case DistributionDataPointSnapshot d -> {
                g.writeNumberField("count", d.hasCount() ? d.getCount() : 0);
                Json.number(g, "sum", d.hasSum() ? d.getSum() : 0);
            }
            case InfoSnapshot.InfoDataPointSnapshot i -> g.writeNumberField("value", 1);
            default -> g.writeNullField("value");
        }
        g.writeEndObject();
    }

    private static String type(MetricSnapshot s) {
        return switch (s) {
            case CounterSnapshot c -> "counter";
            case GaugeSnapshot g -> "gauge";
            case HistogramSnapshot h -> "histogram";
            case SummarySnapshot q -> "summary";
            case InfoSnapshot i -> "info";
            default -> "unknown";
        };
    }
}
