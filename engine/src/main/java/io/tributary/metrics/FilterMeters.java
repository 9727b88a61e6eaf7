package io.tributary.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** A filter's record counts: seen, added and dropped (Fluent Bit's filter_records/add/drop counters). */
public final class FilterMeters {
    private final Counter records;
    private final Counter added;
    private final Counter droppedRecords;

    public FilterMeters(MeterRegistry registry, String name, String plugin) {
        records = Counter.builder("tributary.filter.records").description("Records that entered the filter")
                .tags("name", name, "plugin", plugin).register(registry);
        added = Counter.builder("tributary.filter.add.records").description("Records the filter added")
                .tags("name", name, "plugin", plugin).register(registry);
        droppedRecords = Counter.builder("tributary.filter.drop.records").description("Records the filter removed")
                .tags("name", name, "plugin", plugin).register(registry);
    }

    public void counted(int in, int out) {
        records.increment(in);
        if (out > in) added.increment(out - in);
        else if (out < in) droppedRecords.increment(in - out);
    }

    public double records() { return records.count(); }
    public double added() { return added.count(); }
    public double dropped() { return droppedRecords.count(); }
}
