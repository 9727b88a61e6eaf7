package io.tributary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One input instance's counters, with Fluent Bit's meanings ({@code fluentbit_input_records_total},
 * {@code _bytes_total}) under Micrometer names {@code tributary.input.*} tagged {@code name} and {@code plugin}.
 */
public final class InputMeters {
    private final MeterRegistry registry;
    private final String name;
    private final String plugin;
    private final Counter records;
    private final Counter bytes;
    private final Counter errors;
    private final ConcurrentHashMap<String, Counter> dropped = new ConcurrentHashMap<>();

    public InputMeters(MeterRegistry registry, String name, String plugin) {
        this.registry = registry;
        this.name = name;
        this.plugin = plugin;
        this.records = Counter.builder("tributary.input.records").description("Records the input accepted")
                .tags("name", name, "plugin", plugin).register(registry);
        this.bytes = Counter.builder("tributary.input.bytes").description("Bytes of records the input accepted")
                .tags("name", name, "plugin", plugin).register(registry);
        this.errors = Counter.builder("tributary.input.errors").description("Malformed or refused input")
                .tags("name", name, "plugin", plugin).register(registry);
    }

    public void accepted(long recordCount, long byteCount) {
        records.increment(recordCount);
        bytes.increment(byteCount);
    }

    public void error() { errors.increment(); }

    public void dropped(String reason, long recordCount) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("tributary.input.dropped.records")
                .description("Records received but not accepted, by reason")
                .tags("name", name, "plugin", plugin, "reason", r).register(registry)).increment(recordCount);
    }

    public double records() { return records.count(); }
    public double bytes() { return bytes.count(); }
    public double errors() { return errors.count(); }

    public double droppedTotal() {
        double n = 0;
        for (Counter c : dropped.values()) n += c.count();
        return n;
    }
}
