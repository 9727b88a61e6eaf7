package io.tributary.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.concurrent.TimeUnit;

/**
 * The engine's own meters ({@code tributary.*}, and whatever plugins register) as Prometheus snapshots. The engine
 * normally runs on a {@link PrometheusMeterRegistry}, whose snapshots are used as they are (histograms included);
 * any other registry (tests, a composite without a Prometheus member) is mirrored meter by meter.
 */
final class EngineMeterSnapshots {
    private EngineMeterSnapshots() {}

    static MetricSnapshots of(MeterRegistry registry) {
        PrometheusMeterRegistry prometheus = findPrometheus(registry);
        if (prometheus != null) return prometheus.getPrometheusRegistry().scrape();
        PrometheusMeterRegistry mirror = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (Meter m : registry.getMeters()) mirror(m, mirror);
        return mirror.getPrometheusRegistry().scrape();
    }

    private static PrometheusMeterRegistry findPrometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) return p;
        if (registry instanceof CompositeMeterRegistry c) {
            for (MeterRegistry child : c.getRegistries()) {
                PrometheusMeterRegistry p = findPrometheus(child);
                if (p != null) return p;
            }
        }
        return null;
    }

    private static void mirror(Meter meter, MeterRegistry to) {
        Meter.Id id = meter.getId();
        String help = id.getDescription() == null ? id.getName() : id.getDescription();
        meter.use(
                gauge -> Gauge.builder(id.getName(), gauge, Gauge::value).tags(id.getTags()).description(help)
                        .baseUnit(id.getBaseUnit()).strongReference(true).register(to),
                counter -> FunctionCounter.builder(id.getName(), counter, c -> c.count()).tags(id.getTags())
                        .description(help).baseUnit(id.getBaseUnit()).register(to),
                timer -> FunctionTimer.builder(id.getName(), timer, t -> t.count(),
                                t -> t.totalTime(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS)
                        .tags(id.getTags()).description(help).register(to),
                summary -> {
                    // No function-backed summary exists; its count and total become two counters.
                    FunctionCounter.builder(id.getName() + ".count", summary, s -> s.count()).tags(id.getTags())
                            .description(help).register(to);
                    FunctionCounter.builder(id.getName() + ".sum", summary, s -> s.totalAmount()).tags(id.getTags())
                            .description(help).baseUnit(id.getBaseUnit()).register(to);
                },
                longTask -> Gauge.builder(id.getName() + ".active", longTask, t -> t.activeTasks()).tags(id.getTags())
                        .description(help).strongReference(true).register(to),
                timeGauge -> Gauge.builder(id.getName(), timeGauge, g -> g.value(TimeUnit.SECONDS)).tags(id.getTags())
                        .description(help).baseUnit("seconds").strongReference(true).register(to),
                functionCounter -> FunctionCounter.builder(id.getName(), functionCounter, c -> c.count())
                        .tags(id.getTags()).description(help).baseUnit(id.getBaseUnit()).register(to),
                functionTimer -> FunctionTimer.builder(id.getName(), functionTimer, t -> (long) t.count(),
                                t -> t.totalTime(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS)
                        .tags(id.getTags()).description(help).register(to),
                other -> { /* custom meters have no common shape to copy */ });
    }
}
