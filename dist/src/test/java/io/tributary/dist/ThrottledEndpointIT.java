package io.tributary.dist;

import io.tributary.output.aws.KeyRing;
import io.tributary.output.kinesis.StrictKinesisServer;
import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Kinesis stream at its write capacity while a forward client sends as fast as it can: bin/tributary (the
 * launcher's default JVM options) → kinesis_streams → a strict PutRecords endpoint that admits
 * {@value #RATE} entries a second and fails the rest of each call with ProvisionedThroughputExceededException, as a
 * stream's shards do. With memory buffering the input is paused at Mem_Buf_Limit, so the client is held to the
 * stream's pace and memory stays bounded; with filesystem storage the client is not held back, the backlog goes to
 * chunk files and memory stays bounded all the same. Either way every record arrives exactly once and nothing is
 * dropped.
 */
class ThrottledEndpointIT {
    /** About 500 MB in all: more than the memory bound below, so holding it all in memory would break the bound. */
    private static final int RECORDS = Integer.getInteger("tributary.throttle.records", 500_000);
    private static final int RATE = 20_000;
    private static final String PADDING = "x".repeat(1000);
    private static final String KEY_ID = "AKIATHROTTLED0000001";
    private static final String SECRET = "throttled-endpoint-secret";
    /**
     * Peak RSS (VmHWM) allowed beyond the in-memory buffer limit with the launcher's default JVM options (serial GC,
     * young generation at most 32 MB, chunk arrays reused, the old generation collected when it doubles). Measured
     * on a 2-core 24 GB machine: 303 MB with memory buffering, 334 MB with filesystem storage (before those
     * defaults: 710-1187 MB). The JVM itself is ~80-110 MB of it; the rest is the heap's live data and headroom.
     */
    private static final long OVERHEAD_MB = 480;
    /** The same with a sidecar's heap, {@code -Xmx128m}: the heap and the JVM's own memory (measured: 230-245 MB in all). */
    private static final long SIDECAR_OVERHEAD_MB = 320;

    @TempDir Path dir;

    @Test
    void memoryBufferingPausesTheClientAtMemBufLimit() throws Exception {
        Outcome o = run("memory", "    Mem_Buf_Limit 16M\n", "", "");
        System.out.printf("throttled endpoint (%,d records/s), memory buffering, Mem_Buf_Limit 16M: %s%n", RATE, o);
        assertPausedAtTheLimit(o);
        assertTrue(o.peakRssMb < 16 + OVERHEAD_MB, "peak RSS " + o.peakRssMb + " MB");
    }

    @Test
    void memoryBufferingWithASidecarHeapStaysWithinTheLimitAndTheHeap() throws Exception {
        Outcome o = run("sidecar", "    Mem_Buf_Limit 16M\n", "", "-Xmx128m");
        System.out.printf("throttled endpoint (%,d records/s), memory buffering, Mem_Buf_Limit 16M, -Xmx128m: %s%n", RATE, o);
        assertPausedAtTheLimit(o);
        assertTrue(o.peakRssMb < 16 + SIDECAR_OVERHEAD_MB, "peak RSS " + o.peakRssMb + " MB");
    }

    /**
     * No Mem_Buf_Limit at all, as most Fluent Bit configs have, and a sidecar's heap smaller than the backlog: the
     * engine-wide storage.total_mem_limit (40% of the heap by default) pauses the input, so the JVM neither runs out
     * of heap (exiting with every acknowledged record) nor grows past its container.
     */
    @Test
    void withoutMemBufLimitTheEngineWideDefaultKeepsASidecarHeapFromRunningOut() throws Exception {
        Outcome o = run("unbounded", "", "", "-Xmx128m");
        System.out.printf("throttled endpoint (%,d records/s), memory buffering, no Mem_Buf_Limit, -Xmx128m: %s%n", RATE, o);
        assertTrue(o.pauses > 0, "the input was never paused at the engine-wide limit");
        // 40% of the 128 MB heap (51 MB), plus what was read before each pause took hold and what the outputs hold
        // in flight (measured: 74 MB), well under the heap itself and the 500 MB sent.
        long most = 96L << 20;
        assertTrue(o.peakBacklogBytes < most, "accepted but undelivered peaked at " + (o.peakBacklogBytes >> 20) + " MB");
        assertTrue(o.peakRssMb < 52 + SIDECAR_OVERHEAD_MB, "peak RSS " + o.peakRssMb + " MB");
    }

    private static void assertPausedAtTheLimit(Outcome o) {
        assertTrue(o.pauses > 0, "the input was never paused at Mem_Buf_Limit");
        // Paused, the input accepts nothing more: what it accepted and the stream has not yet taken stays within
        // the limit, plus the forward messages read before the pause took hold (Fluency sends up to 4 MB in one).
        long most = (16L << 20) + (12L << 20);
        assertTrue(o.peakBacklogBytes < most, "accepted but undelivered peaked at "
                + (o.peakBacklogBytes >> 20) + " MB with Mem_Buf_Limit 16M");
        // The client was held to the stream's pace: beyond what the buffer holds, acks came no faster than the throttle.
        double floor = (RECORDS - most / o.bytesPerRecord - RATE) / (double) RATE;
        assertTrue(o.clientSeconds > floor, "every record acknowledged in " + o.clientSeconds + " s, faster than "
                + RATE + " records/s allows (" + floor + " s)");
    }

    @Test
    void filesystemStorageMovesTheBacklogToDisk() throws Exception {
        Outcome o = runOnDisk("");
        // Chunks in memory: at most max_chunks_up (8) of 2 MB, and what is read back from disk (5M backlog.mem_limit).
        assertTrue(o.peakRssMb < 16 + 5 + OVERHEAD_MB, "peak RSS " + o.peakRssMb + " MB");
    }

    @Test
    void filesystemStorageWithASidecarHeapKeepsMemoryFlatUnderABacklogLargerThanTheHeap() throws Exception {
        Outcome o = runOnDisk("-Xmx128m");
        assertTrue(o.peakDiskBytes > 128L << 20, "the backlog on disk (" + (o.peakDiskBytes >> 20)
                + " MB) did not outgrow the heap: the test proved nothing");
        assertTrue(o.peakRssMb < 16 + 5 + SIDECAR_OVERHEAD_MB, "peak RSS " + o.peakRssMb + " MB");
    }

    private Outcome runOnDisk(String jvmOptions) throws Exception {
        Path storage = dir.resolve("storage");
        Outcome o = run("filesystem", "    storage.type filesystem\n",
                "    storage.path          " + storage + "\n    storage.max_chunks_up 8\n", jvmOptions);
        System.out.printf("throttled endpoint (%,d records/s), filesystem storage, storage.max_chunks_up 8%s: %s%n",
                RATE, jvmOptions.isEmpty() ? "" : ", " + jvmOptions, o);
        assertEquals(0, o.pauses, "the input paused although the backlog could go to disk");
        // The client was not held to the stream's pace: the input took records far beyond what 8 chunks in memory
        // hold, and the backlog was on disk.
        assertTrue(o.peakBacklogBytes > 160L << 20, "accepted but undelivered peaked at only "
                + (o.peakBacklogBytes >> 20) + " MB");
        assertTrue(o.peakDiskBytes > 160L << 20, "the backlog on disk peaked at " + (o.peakDiskBytes >> 20) + " MB");
        assertEquals(List.of(), FilesystemStorageIT.chunkFiles(storage), "every chunk delivered and deleted");
        return o;
    }

    record Outcome(long pauses, double clientSeconds, double deliverySeconds, long peakBacklogBytes, long bytesPerRecord,
                   long peakDiskBytes, long peakRssMb, long distinct, long duplicates, long dropped, long throttledEntries) {
        @Override public String toString() {
            return String.format("%,d records sent as fast as Fluency can, all acknowledged after %.1f s, all in the "
                            + "stream after %.1f s (%,.0f records/s); %d pause(s); accepted but undelivered peaked at "
                            + "%d MB; backlog on disk peaked at %d MB; peak RSS (VmHWM) %d MB; delivered %,d distinct, "
                            + "%d duplicate(s), %d dropped; %,d entries throttled and retried", RECORDS, clientSeconds,
                    deliverySeconds, RECORDS / deliverySeconds, pauses, peakBacklogBytes >> 20, peakDiskBytes >> 20,
                    peakRssMb, distinct, duplicates, dropped, throttledEntries);
        }
    }

    /** {@code jvmOptions}: added to the launcher's defaults (TRIBUTARY_EXTRA_OPTS). */
    private Outcome run(String name, String inputOptions, String serviceOptions, String jvmOptions) throws Exception {
        int port = freePort();
        int httpPort = freePort();
        KeyRing keys = new KeyRing(Clock.systemUTC());
        keys.add(KEY_ID, SECRET);
        DeliveredNumbers delivered = new DeliveredNumbers(RECORDS);
        try (StrictKinesisServer kinesis = new StrictKinesisServer(keys, "us-east-1", Set.of("throttled"), 5L << 20, true)) {
            kinesis.limitEntriesPerSecond(RATE);
            Path conf = TributaryProcess.writeConfig(dir, name + ".conf", """
                    [SERVICE]
                        Flush       1
                        Grace       5
                        HTTP_Server On
                        HTTP_Listen 127.0.0.1
                        HTTP_Port   %d
                    %s[INPUT]
                        Name   forward
                        Alias  in
                        Listen 127.0.0.1
                        Port   %d
                    %s[OUTPUT]
                        Name        kinesis_streams
                        Alias       out
                        Match       throttled
                        stream      throttled
                        region      us-east-1
                        endpoint    %s
                        Retry_Limit no_limits
                    """.formatted(httpPort, serviceOptions, port, inputOptions, kinesis.endpoint()));
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                    "TRIBUTARY_EXTRA_OPTS", jvmOptions);
            try (TributaryProcess p = TributaryProcess.start(env, "-c", conf.toString())) {
                Await.until(Duration.ofSeconds(30), "started", () -> p.stderr().contains("started (pid="));
                Metrics metrics = new Metrics(httpPort);
                Path storage = serviceOptions.isEmpty() ? null : dir.resolve("storage");
                long[] peak = {0, 0};   // accepted but undelivered bytes, bytes on disk
                Runnable sample = () -> {
                    drain(kinesis, delivered);
                    Map<String, Double> m;
                    try {
                        m = metrics.read();
                    } catch (UncheckedIOException e) {
                        // A dead process is reported with its log below, not as a refused metrics request.
                        if (p.exitsWithin(Duration.ofSeconds(5))) return;
                        throw e;
                    }
                    double accepted = m.getOrDefault("fluentbit_input_records_total{name=\"in\"}", 0.0);
                    double acceptedBytes = m.getOrDefault("fluentbit_input_bytes_total{name=\"in\"}", 0.0);
                    if (accepted > 0) {
                        long backlog = (long) ((accepted - delivered.distinct()) * (acceptedBytes / accepted));
                        peak[0] = Math.max(peak[0], backlog);
                    }
                    if (storage != null) peak[1] = Math.max(peak[1], DirectorySize.bytesUnder(storage));
                };

                FluencyBuilderForFluentd b = AckingFluency.builder();
                // Room for everything: with the input paused, the client holds what Tributary has not taken yet.
                b.setMaxBufferSize(2L << 30);
                long t0 = System.nanoTime();
                try (Fluency fluency = b.build("127.0.0.1", port)) {
                    for (int i = 0; i < RECORDS; i++) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        record.put("n", i);   // first: the delivered-records reader expects it there
                        record.put("pad", PADDING);
                        fluency.emit("throttled", record);
                    }
                    fluency.flush();
                    Await.until(Duration.ofSeconds(90), "every record acknowledged", () -> {
                        sample.run();
                        return fluency.getBufferedDataSize() == 0 || !p.isAlive();
                    });
                }
                // close() waited for the last send's ack.
                double clientSeconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(p.isAlive(), "tributary died:\n" + KillNineDrill.tail(p.stderr()));
                try {
                    Await.until(Duration.ofSeconds(90), RECORDS + " records in the stream", () -> {
                        sample.run();
                        return delivered.distinct() == RECORDS || !p.isAlive();
                    });
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + " (" + delivered.distinct() + " delivered)\n"
                            + KillNineDrill.tail(p.stderr()), e);
                }
                double deliverySeconds = (System.nanoTime() - t0) / 1e9;
                long rssMb = peakRssKb(p.pid()) >> 10;
                if (storage != null) {
                    Await.until(Duration.ofSeconds(30), "the backlog deleted", () -> FilesystemStorageIT.chunkFiles(storage).isEmpty());
                }
                Map<String, Double> m = metrics.read();
                long dropped = m.getOrDefault("fluentbit_output_dropped_records_total{name=\"out\"}", -1.0).longValue();
                p.signalTerm();
                assertEquals(0, p.waitFor(Duration.ofSeconds(30)), KillNineDrill.tail(p.stderr()));
                drain(kinesis, delivered);
                long pauses = p.stderr().lines().filter(l -> l.contains("paused (")).count();
                long bytesPerRecord = (long) (m.get("fluentbit_input_bytes_total{name=\"in\"}")
                        / m.get("fluentbit_input_records_total{name=\"in\"}"));
                Outcome o = new Outcome(pauses, clientSeconds, deliverySeconds, peak[0], bytesPerRecord, peak[1], rssMb,
                        delivered.distinct(), delivered.duplicates(), dropped, kinesis.failedEntries.get());
                assertEquals(0, delivered.missing(), "lost, e.g. " + delivered.someMissing(20));
                assertEquals(0, delivered.duplicates(), "duplicated");
                assertEquals(0, dropped, "dropped_records");
                assertTrue(o.throttledEntries > 0, "the endpoint never throttled: the test proved nothing");
                assertTrue(kinesis.refusals.isEmpty(), "the endpoint refused calls: " + kinesis.refusals.peek());
                return o;
            }
        }
    }

    private static void drain(StrictKinesisServer kinesis, DeliveredNumbers delivered) {
        StrictKinesisServer.Received r;
        while ((r = kinesis.received.poll()) != null) delivered.offer(new String(r.data(), StandardCharsets.UTF_8));
    }

    /** Tributary's own counters, from its Prometheus endpoint. */
    private static final class Metrics {
        private static final Pattern SAMPLE = Pattern.compile("^(\\w+\\{[^}]*}) ([0-9.eE+-]+)$", Pattern.MULTILINE);
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;

        Metrics(int port) { this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/metrics/prometheus"); }

        Map<String, Double> read() {
            try {
                String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
                Map<String, Double> m = new LinkedHashMap<>();
                Matcher x = SAMPLE.matcher(body);
                while (x.find()) m.put(x.group(1), Double.parseDouble(x.group(2)));
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }
    }

    /** The process's peak resident memory so far (VmHWM), in KB. */
    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IOException("no VmHWM in /proc/" + pid + "/status");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
