package io.tributary.output.kinesis;

import com.sun.management.OperatingSystemMXBean;
import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.FlushDriver;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.spi.OutputPlugin;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the kinesis output alone: pre-built chunks of ~300-byte records (as the Fluent Bit reference
 * measured) flushed by two workers into the strict PutRecords server running in its own JVM. Prints records/s,
 * MB/s, CPU seconds per million records (this JVM only) and records per call. Run it by name:
 * {@code mvn -pl plugins-output -am test -Dtest=KinesisThroughputBench -Dbench.records=2000000}.
 */
class KinesisThroughputBench {
    @Test
    void outputThroughput() throws Exception {
        int total = Integer.getInteger("bench.records", 1_000_000);
        int workers = Integer.getInteger("bench.workers", 2);
        String extra = System.getProperty("bench.options", "");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Daws.cborEnabled=false", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                StrictKinesisServer.class.getName(), "AKIABENCH00000000001", "bench-secret")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String endpoint = out.readLine().substring("ENDPOINT ".length());
        try {
            Map<String, String> options = TestConfig.map("stream", "bench", "region", "us-east-1", "endpoint", endpoint,
                    "aws_access_key_id", "AKIABENCH00000000001", "aws_secret_access_key", "bench-secret");
            for (String kv : extra.split(",")) if (kv.contains("=")) options.put(kv.split("=")[0], kv.split("=", 2)[1]);
            KinesisFactory f = new KinesisFactory();
            OutputPlugin plugin = f.create(TestConfig.of("kinesis_streams", f.spec(), options), TestConfig.env(Map.of("AWS_EC2_METADATA_DISABLED", "true")));
            TestOutputContext context = new TestOutputContext("kinesis_streams.0");
            plugin.start(context);

            List<Chunk> chunks = chunks(total);
            long bytes = 0;
            for (Chunk c : chunks) bytes += c.length();
            run(plugin, workers, chunks(60_000));   // warm-up
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            jdk.jfr.Recording jfr = null;
            if (System.getProperty("bench.jfr") != null) {
                jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                jfr.start();
            }
            long t0 = System.nanoTime();
            FlushDriver d = run(plugin, workers, chunks);
            double secs = (System.nanoTime() - t0) / 1e9;
            if (jfr != null) {
                jfr.dump(java.nio.file.Path.of(System.getProperty("bench.jfr")));
                jfr.close();
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double calls = context.meters.get("tributary.output.aws.calls").counter().count();
            plugin.stop();
            if (Boolean.getBoolean("bench.threads")) {
                java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
                Map<String, Long> byName = new java.util.TreeMap<>();
                for (java.lang.management.ThreadInfo ti : tm.dumpAllThreads(false, false)) {
                    long t = tm.getThreadCpuTime(ti.getThreadId());
                    byName.merge(ti.getThreadName().replaceAll("\\d+", "N"), t, Long::sum);
                }
                byName.forEach((k, v) -> { if (v > 200_000_000L) System.out.printf("BENCH thread %-50s %.2f s%n", k, v / 1e9); });
            }
            System.out.printf("BENCH kinesis output: %d records in %.2f s = %.0f records/s, %.1f MB/s (msgpack in), "
                            + "%.2f CPU-s per million, %.0f records per call, retries %d, options [%s]%n",
                    total, secs, total / secs, bytes / secs / 1e6, cpu / (total / 1e6), (total + 60_000) / calls,
                    d.retries.get(), extra);
        } finally {
            server.getOutputStream().close();
            String line;
            while ((line = out.readLine()) != null) System.out.println("BENCH server: " + line);
            server.waitFor();
        }
    }

    private static FlushDriver run(OutputPlugin plugin, int workers, List<Chunk> chunks) throws Exception {
        FlushDriver d = new FlushDriver(plugin, workers, Duration.ofMillis(10));
        d.deliver(chunks);
        if (d.errors.get() > 0 || d.dropped.get() > 0) throw new AssertionError("errors " + d.errors + " drops " + d.dropped);
        return d;
    }

    /** Chunks of about 2 MB, as an input's buffer hands them over, of ~300-byte container log records. */
    static List<Chunk> chunks(int total) {
        List<Chunk> out = new ArrayList<>();
        int perChunk = 6_500;
        for (int start = 0; start < total; start += perChunk) {
            int from = start;
            out.add(Chunks.of("kube.var.log.containers.web", Math.min(perChunk, total - start), EventTime.now(), i -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("log", "2026-11-23T13:22:55.123Z INFO  [http-nio-8080-exec-" + (i % 16) + "] c.e.shop.OrderController : "
                        + "order " + (from + i) + " accepted for customer 4711, 3 items, total 129.90 EUR, latency 12 ms");
                b.put("stream", "stdout");
                b.put("kubernetes", Map.of("pod_name", "shop-7d9f8c6b5-x2x4z", "namespace_name", "prod"));
                return b;
            }));
        }
        return out;
    }
}
