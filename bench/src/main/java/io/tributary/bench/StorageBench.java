package io.tributary.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.ConfigDocument;
import io.tributary.engine.Engine;
import io.tributary.engine.PluginCatalog;
import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.StoreException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What filesystem storage costs an input: appends of 100 encoded records (a forward PackedForward frame's worth)
 * through routing into the buffer and on to the null output, with {@code storage.type memory}, {@code filesystem}
 * with {@code storage.sync normal} (one write per append) and {@code full} (fsync before the append returns,
 * shared by concurrent appenders). Records/s = ops/s. The storage directory is under {@code java.io.tmpdir}, so
 * point that at the disk to be measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class StorageBench {
    @Param({"memory", "normal", "full"})
    public String storage;

    private Engine engine;
    private Path directory;
    private byte[] batch;
    private int batchLength;

    @Setup
    public void setup() throws Exception {
        directory = Files.createTempDirectory("tributary-storage-bench");
        List<PluginFactory> factories = new ArrayList<>();
        ServiceLoader.load(PluginFactory.class).forEach(factories::add);
        factories.add(new PipelineBench.BenchInput());
        List<String> service = new ArrayList<>(List.of("flush", "0.2", "storage.path", directory.toString()));
        if (!storage.equals("memory")) service.addAll(List.of("storage.sync", storage));
        ConfigDocument doc = new ConfigDocument(Path.of("bench.conf"), List.of(
                PipelineBench.section("SERVICE", service.toArray(String[]::new)),
                PipelineBench.section("INPUT", "name", "bench_push", "tag", "bench", "mem_buf_limit", "64M",
                        "storage.type", storage.equals("memory") ? "memory" : "filesystem"),
                PipelineBench.section("OUTPUT", "name", "null", "match", "*")));
        engine = Engine.create(doc, Map.of(), new PluginCatalog(factories), new SimpleMeterRegistry());
        engine.start();
        MsgpackWriter w = new MsgpackWriter(64 * 1024);
        EventTime t = new EventTime(1_700_000_000L, 1);
        for (int i = 0; i < 100; i++) w.event(t, null, RecordBench.SampleRecords.typical());
        batch = w.toByteArray();
        batchLength = w.size();
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void append100Records() throws StoreException {
        InputContext c = PipelineBench.context();
        while (c.isPaused()) Thread.onSpinWait();
        c.append("bench", batch, 0, batchLength, 100);
    }

    @TearDown
    public void tearDown() throws IOException {
        engine.stop(Duration.ofSeconds(5));
        try (Stream<Path> s = Files.walk(directory)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
