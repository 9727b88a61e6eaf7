package io.tributary.output.nulloutput;

import io.tributary.record.Chunk;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

/** Fluent Bit's {@code null} output: accepts and discards everything (benchmarks, tests). */
public final class NullOutputFactory implements OutputFactory {
    @Override public String name() { return "null"; }

    @Override public String description() { return "Discard every record."; }

    @Override public ConfigSpec spec() { return ConfigSpec.empty(); }

    @Override public OutputPlugin create(PluginConfig config, PluginEnvironment env) { return new NullOutput(); }

    static final class NullOutput implements OutputPlugin {
        @Override public FlushResult flush(Chunk chunk) { return FlushResult.ok(); }
    }
}
