package io.tributary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One output instance's counters, keeping the meanings of Fluent Bit's {@code proc_records_total},
 * {@code proc_bytes_total}, {@code errors_total}, {@code retries_total}, {@code retries_failed_total} and
 * {@code dropped_records_total} (the latter with a {@code reason}).
 */
public final class OutputMeters {
    private final MeterRegistry registry;
    private final String name;
    private final String plugin;
    private final Counter procRecords;
    private final Counter procBytes;
    private final Counter errors;
    private final Counter retries;
    private final Counter retriesFailed;
    private final ConcurrentHashMap<String, Counter> dropped = new ConcurrentHashMap<>();

    public OutputMeters(MeterRegistry registry, String name, String plugin) {
        this.registry = registry;
        this.name = name;
        this.plugin = plugin;
        this.procRecords = counter("tributary.output.proc.records", "Records delivered");
        this.procBytes = counter("tributary.output.proc.bytes", "Bytes of records delivered (as buffered)");
        this.errors = counter("tributary.output.errors", "Flushes that failed");
        this.retries = counter("tributary.output.retries", "Flushes scheduled again after a failure");
        this.retriesFailed = counter("tributary.output.retries.failed", "Chunks given up after Retry_Limit");
    }

    private Counter counter(String meter, String description) {
        return Counter.builder(meter).description(description).tags("name", name, "plugin", plugin).register(registry);
    }

    public void delivered(long records, long bytes) {
        procRecords.increment(records);
        procBytes.increment(bytes);
    }

    public void error() { errors.increment(); }
    public void retry() { retries.increment(); }
    public void retryFailed() { retriesFailed.increment(); }

    public void dropped(String reason, long records) {
        if (records <= 0) return;
        dropped.computeIfAbsent(reason, r -> Counter.builder("tributary.output.dropped.records")
                .description("Records given up, by reason")
                .tags("name", name, "plugin", plugin, "reason", r).register(registry)).increment(records);
    }

    public double procRecords() { return procRecords.count(); }
    public double procBytes() { return procBytes.count(); }
    public double errors() { return errors.count(); }
    public double retries() { return retries.count(); }
    public double retriesFailed() { return retriesFailed.count(); }

    public double droppedTotal() {
        double n = 0;
        for (Counter c : dropped.values()) n += c.count();
        return n;
    }

    public Map<String, Double> droppedByReason() {
        Map<String, Double> out = new TreeMap<>();
        dropped.forEach((k, v) -> out.put(k, v.count()));
        return out;
    }
}
