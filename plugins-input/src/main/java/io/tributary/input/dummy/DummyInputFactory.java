package io.tributary.input.dummy;

import io.tributary.record.JsonValues;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.Map;

/** Fluent Bit's {@code dummy} input: generates a fixed record at a rate, for trying pipelines and benchmarks. */
public final class DummyInputFactory implements InputFactory {
    static final Option<String> DUMMY = Option.string("dummy").defaultValue("{\"message\":\"dummy\"}")
            .doc("The record to generate, as a JSON object.");
    static final Option<String> METADATA = Option.string("metadata").defaultValue("{}")
            .doc("The metadata to attach, as a JSON object.");
    static final Option<Integer> RATE = Option.integer("rate").defaultValue("1").range(1, 100_000_000)
            .doc("Records generated per second (each time Copies of them).");
    static final Option<Integer> INTERVAL_SEC = Option.integer("interval_sec").defaultValue("0").atLeast(0)
            .doc("Seconds between generations; with interval_nsec overrides Rate.");
    static final Option<Integer> INTERVAL_NSEC = Option.integer("interval_nsec").defaultValue("0").atLeast(0)
            .doc("Nanoseconds between generations; with interval_sec overrides Rate.");
    static final Option<Integer> COPIES = Option.integer("copies").defaultValue("1").range(1, 1_000_000)
            .doc("Records generated each time.");
    static final Option<Long> SAMPLES = Option.size("samples").defaultValue("0")
            .doc("Stop after this many records (0: never stop).");
    static final Option<Integer> START_TIME_SEC = Option.integer("start_time_sec").defaultValue("-1")
            .doc("Use this fixed time (seconds) instead of the current time.");
    static final Option<Integer> START_TIME_NSEC = Option.integer("start_time_nsec").defaultValue("-1")
            .doc("Nanoseconds of the fixed time.");
    static final Option<Boolean> FIXED_TIMESTAMP = Option.bool("fixed_timestamp").defaultValue("off")
            .doc("Give every record the time of the first one.");
    static final Option<Boolean> FLUSH_ON_STARTUP = Option.bool("flush_on_startup").defaultValue("off")
            .doc("Generate the first records at once instead of after one interval.");

    @Override public String name() { return "dummy"; }

    @Override public String description() { return "Generate dummy records at a fixed rate."; }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(DUMMY, METADATA, RATE, INTERVAL_SEC, INTERVAL_NSEC, COPIES, SAMPLES, START_TIME_SEC,
                START_TIME_NSEC, FIXED_TIMESTAMP, FLUSH_ON_STARTUP);
    }

    @Override
    public InputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        Map<String, Object> body;
        Map<String, Object> metadata;
        try {
            body = JsonValues.parseObject(config.get(DUMMY));
        } catch (IllegalArgumentException e) {
            throw config.error(DUMMY, "not a JSON object: " + e.getMessage());
        }
        try {
            metadata = JsonValues.parseObject(config.get(METADATA));
        } catch (IllegalArgumentException e) {
            throw config.error(METADATA, "not a JSON object: " + e.getMessage());
        }
        return new DummyInput(DummySettings.from(config), body, metadata);
    }
}
