package io.tributary.output.counter;

import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Fluent Bit's {@code counter} output: prints {@code time,count (total = N)} per flush. */
public final class CounterOutputFactory implements OutputFactory {
    @Override public String name() { return "counter"; }

    @Override public String description() { return "Count records: print the number of records per flush and the running total."; }

    @Override public ConfigSpec spec() { return ConfigSpec.empty(); }

    @Override public OutputPlugin create(PluginConfig config, PluginEnvironment env) { return new CounterOutput(System.out); }

    static final class CounterOutput implements OutputPlugin {
        private final PrintStream out;
        private final AtomicLong total = new AtomicLong();

        CounterOutput(PrintStream out) { this.out = out; }

        @Override public FlushResult flush(Chunk chunk) {
            long sum = total.addAndGet(chunk.recordCount());
            EventTime now = EventTime.now();
            out.println(String.format(Locale.ROOT, "%d.%09d,%d (total = %d)", now.seconds(), now.nanos(), chunk.recordCount(), sum));
            out.flush();
            return FlushResult.ok();
        }
    }
}
