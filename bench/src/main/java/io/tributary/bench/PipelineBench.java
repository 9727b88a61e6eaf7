package io.tributary.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.engine.Engine;
import io.tributary.engine.PluginCatalog;
import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.StoreException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own cost per record: append a batch of 100 encoded records through routing into the memory
 * buffer, sealed into chunks and flushed to the null output on virtual threads (records/s = ops/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class PipelineBench {
    private static volatile InputContext context;
    private Engine engine;
    private byte[] batch;
    private int batchLength;

    static InputContext context() { return context; }

    /** An input that only hands its context to the benchmark. */
    public static final class BenchInput implements InputFactory {
        @Override public String name() { return "bench_push"; }
        @Override public String description() { return "benchmark input"; }
        @Override public io.tributary.spi.ConfigSpec spec() { return io.tributary.spi.ConfigSpec.empty(); }
        @Override public InputPlugin create(io.tributary.spi.PluginConfig c, io.tributary.spi.PluginEnvironment env) {
            return new InputPlugin() {
                @Override public void start(InputContext ctx) { context = ctx; }
                @Override public void stop() {}
            };
        }
    }

    @Setup
    public void setup() throws Exception {
        List<PluginFactory> factories = new ArrayList<>();
        ServiceLoader.load(PluginFactory.class).forEach(factories::add);
        factories.add(new BenchInput());
        ConfigDocument doc = new ConfigDocument(Path.of("bench.conf"), List.of(
                section("SERVICE", "flush", "0.2"),
                section("INPUT", "name", "bench_push", "tag", "bench", "mem_buf_limit", "64M"),
                section("OUTPUT", "name", "null", "match", "*")));
        engine = Engine.create(doc, Map.of(), new PluginCatalog(factories), new SimpleMeterRegistry());
        engine.start();
        MsgpackWriter w = new MsgpackWriter(64 * 1024);
        EventTime t = new EventTime(1_700_000_000L, 1);
        for (int i = 0; i < 100; i++) w.event(t, null, RecordBench.SampleRecords.typical());
        batch = w.toByteArray();
        batchLength = w.size();
    }

    static ConfigSection section(String name, String... kv) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            entries.add(new ConfigEntry(kv[i], kv[i + 1], io.tributary.spi.Location.BUILT_IN));
        }
        return new ConfigSection(name, io.tributary.spi.Location.BUILT_IN, entries);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void appendRouteFlush100Records() throws StoreException {
        InputContext c = context;
        while (c.isPaused()) Thread.onSpinWait();
        c.append("bench", batch, 0, batchLength, 100);
    }

    @TearDown
    public void tearDown() {
        engine.stop(Duration.ofSeconds(5));
    }
}
