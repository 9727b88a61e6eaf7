package io.tributary.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one scenario once on one engine: fresh endpoint and config, the engine started as its own process,
 * idle memory sampled, the generator run, then a wait (bounded, and abandoned when nothing moves for
 * {@link #STALL}) until the sink has counted every record sent; CPU and peak RSS are read at that moment.
 * The engine and endpoint are closed whatever happens.
 */
final class ScenarioRun {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofSeconds(2);
    /** After every record arrived, how long the endpoint must see no request before duplicates are final. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Map<String, String> AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDBENCHMARKEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "bench-throwaway-secret-not-a-real-key",
            "AWS_REGION", "us-east-1",
            "AWS_EC2_METADATA_DISABLED", "true");

    private final E2eOptions options;
    private final TestCertificate cert;

    ScenarioRun(E2eOptions options, TestCertificate cert) {
        this.options = options;
        this.cert = cert;
    }

    RunResult run(Scenario s, EngineKind engine, int run, long records, Path dir) throws Exception {
        Files.createDirectories(dir);
        int inputPort = freePort();
        int httpPort = freePort();
        AwsEndpoint endpoint = s.aws() ? new AwsEndpoint(s.api(), s.behaviour().get(), cert, "us-east-1") : null;
        try {
            Map<String, String> values = new HashMap<>();
            values.put("PARSERS", writeParsers(dir).toString());
            values.put("HTTP_PORT", Integer.toString(httpPort));
            values.put("INPUT_PORT", Integer.toString(inputPort));
            values.put("SCHED_BASE", options.schedulerBase());
            values.put("SCHED_CAP", options.schedulerCap());
            values.put("WORKERS", Integer.toString(options.workers()));
            values.put("RETRY_LIMIT", s.retryLimit());
            values.put("INPUT_EXTRA", s.inputExtra().replace(Scenario.RUN_DIR, dir.toString()));
            values.put("SERVICE_EXTRA", s.serviceExtra().replace(Scenario.RUN_DIR, dir.toString()));
            // Tributary speaks CBOR to AWS's own Kinesis endpoints (protocol auto) and JSON to any other, this one
            // included; the line makes it send here what it sends to AWS (or, in forward_kinesis_json, JSON as
            // Fluent Bit, which only speaks JSON).
            values.put("KINESIS_EXTRA", engine == EngineKind.TRIBUTARY ? "    protocol    " + s.kinesisProtocol() : "");
            values.put("CA_FILE", cert == null ? "" : cert.caFile().toString());
            values.put("ENDPOINT_PORT", endpoint == null ? "0" : Integer.toString(endpoint.port()));
            values.put("QUEUE_URL", Scenario.queueUrl(endpoint == null ? 0 : endpoint.port()));
            Path conf = ConfigTemplate.write(s.template(), values, dir.resolve(engine.name().toLowerCase() + ".conf"));
            Map<String, String> env = new HashMap<>(AWS_ENV);
            if (engine == EngineKind.TRIBUTARY && !options.tributaryJavaOpts().isEmpty()) {
                env.put("TRIBUTARY_EXTRA_OPTS", options.tributaryJavaOpts().replace("{dir}", dir.toString()));
            }
            Path binary = engine == EngineKind.TRIBUTARY ? options.tributary() : options.fluentBit();
            try (EngineProcess p = EngineProcess.start(engine.command(binary, conf), env, dir.resolve(engine.name().toLowerCase() + ".log"))) {
                Duration startup = p.awaitPort(inputPort, START_TIMEOUT);
                p.awaitPort(httpPort, START_TIMEOUT);
                MetricsProbe metrics = new MetricsProbe(httpPort);
                LoadGenerator gen = s.generator();
                // One record numbered after the load's range, sent as soon as the engine listens: the time
                // from process start until the sink counts it is the time to first record.
                gen.sendOne(new InetSocketAddress("127.0.0.1", inputPort), records);
                Completion first = endpoint == null ? awaitMetrics(p, metrics, 1) : awaitEndpoint(p, endpoint, 1);
                if (!first.complete) throw new IOException("the first record never reached the sink; see " + p.log());
                double firstRecordMillis = p.age().toNanos() / 1e6 - (System.nanoTime() - first.atNanos) / 1e6;
                Thread.sleep(IDLE.toMillis());
                long idleRss = p.sample().rssBytes();
                // Warm-up records are numbered after the first one, so the sink tells them from the load's.
                long warmed = 0;
                if (options.warmup() > 0) {
                    LoadGenerator.Sent w = gen.send(new InetSocketAddress("127.0.0.1", inputPort), records + 1,
                            options.warmup(), options.connections(), options.sendTimeout());
                    warmed = w.records();
                    Completion c = endpoint == null ? awaitMetrics(p, metrics, 1 + warmed) : awaitEndpoint(p, endpoint, 1 + warmed);
                    if (!c.complete) throw new IOException("the warm-up records never all reached the sink; see " + p.log());
                    if (endpoint != null) awaitQuiet(endpoint);
                }
                DeliveryLedger.Counts before = endpoint == null ? null : endpoint.counts();
                long busyBefore = endpoint == null ? 0 : endpoint.busyNanos();
                double cpu0 = p.sample().cpuSeconds();
                long t0 = System.nanoTime();
                LoadGenerator.Sent sent = gen.send(new InetSocketAddress("127.0.0.1", inputPort), records,
                        options.connections(), options.sendTimeout());
                Completion done = endpoint == null
                        ? awaitMetrics(p, metrics, sent.records() + 1 + warmed)
                        : awaitEndpoint(p, endpoint, sent.records() + 1 + warmed);
                double seconds = (done.atNanos - t0) / 1e9;
                double cpu = done.cpuSeconds - cpu0;
                if (endpoint != null) awaitQuiet(endpoint);
                ProcessSample last = p.sample();
                String note = note(sent, done, endpoint, p);
                if (endpoint == null) {
                    return new RunResult(s, engine, run, sent.records(), sent.unsentRecords(), done.delivered - 1 - warmed, 0,
                            done.dropped, done.complete, seconds, cpu, last.peakRssBytes(), idleRss,
                            startup.toNanos() / 1e6, firstRecordMillis, 0, Double.NaN, Double.NaN, Double.NaN, 0, note);
                }
                // What the endpoint saw of the measured load only (the first record and any warm-up came before).
                DeliveryLedger.Counts c = endpoint.counts().since(before);
                long dropped = metrics.read().outputDropped();   // what the engine itself says it gave up
                return new RunResult(s, engine, run, sent.records(), sent.unsentRecords(), c.unique(), c.duplicates(),
                        dropped, done.complete, seconds, cpu, last.peakRssBytes(), idleRss, startup.toNanos() / 1e6,
                        firstRecordMillis, c.requests(), c.entriesPerRequest(), c.fullRequestShare(),
                        c.requests() == 0 ? Double.NaN : (endpoint.busyNanos() - busyBefore) / 1e3 / c.requests(),
                        endpoint.connections(), note);
            }
        } finally {
            if (endpoint != null) endpoint.close();
        }
    }

    /** When the sink had everything (or the wait gave up), with the engine's CPU time at that moment. */
    private record Completion(long atNanos, double cpuSeconds, long delivered, long dropped, boolean complete) {}

    private Completion awaitMetrics(EngineProcess p, MetricsProbe metrics, long target) throws Exception {
        long deadline = System.nanoTime() + options.completionTimeout().toNanos();
        long lastProgress = System.nanoTime();
        long last = -1;
        IOException notYet = null;
        while (true) {
            MetricsProbe.Totals t;
            try {
                t = metrics.read();
            } catch (IOException e) {
                // Fluent Bit answers 404 until its first metrics collection; keep asking within the bounds.
                notYet = e;
                if (System.nanoTime() > deadline || System.nanoTime() - lastProgress > STALL.toNanos()) throw notYet;
                Thread.sleep(25);
                continue;
            }
            long now = System.nanoTime();
            double cpu = p.sample().cpuSeconds();
            if (t.outputRecords() + t.outputDropped() >= target) {
                return new Completion(now, cpu, t.outputRecords(), t.outputDropped(), t.outputRecords() >= target);
            }
            if (t.outputRecords() != last) { last = t.outputRecords(); lastProgress = now; }
            if (now > deadline || now - lastProgress > STALL.toNanos()) {
                return new Completion(now, cpu, t.outputRecords(), t.outputDropped(), false);
            }
            Thread.sleep(25);
        }
    }

    private Completion awaitEndpoint(EngineProcess p, AwsEndpoint endpoint, long target) throws Exception {
        long deadline = System.nanoTime() + options.completionTimeout().toNanos();
        long lastProgress = System.nanoTime();
        long last = -1;
        while (true) {
            DeliveryLedger.Counts c = endpoint.counts();
            long now = System.nanoTime();
            double cpu = p.sample().cpuSeconds();
            if (c.unique() >= target) return new Completion(now, cpu, c.unique(), 0, true);
            if (c.accepted() + c.failedEntries() != last) { last = c.accepted() + c.failedEntries(); lastProgress = now; }
            if (now > deadline || now - lastProgress > STALL.toNanos()) {
                return new Completion(now, cpu, c.unique(), 0, false);
            }
            Thread.sleep(25);
        }
    }

    /** Waits until the endpoint has seen no request for {@link #QUIET} (at most 60 s), so late resends count. */
    private static void awaitQuiet(AwsEndpoint endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long requests = endpoint.counts().requests();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            long r = endpoint.counts().requests();
            if (r != requests) { requests = r; since = System.nanoTime(); }
            else if (System.nanoTime() - since > QUIET.toNanos()) return;
        }
    }

    private static String note(LoadGenerator.Sent sent, Completion done, AwsEndpoint endpoint, EngineProcess p) {
        StringBuilder sb = new StringBuilder();
        if (sent.unsentRecords() > 0) {
            sb.append(sent.unsentRecords()).append(" records refused by the engine (").append(sent.reconnects())
                    .append(" reconnects; ").append(sent.firstError()).append("). ");
        }
        if (!done.complete) sb.append("incomplete: the sink counted ").append(done.delivered - 1).append(" of ")
                .append(sent.records()).append(" (see ").append(p.log()).append("). ");
        if (endpoint != null && endpoint.firstRefusal() != null) sb.append("endpoint refused: ").append(endpoint.firstRefusal()).append(". ");
        if (endpoint != null && endpoint.counts().withoutSequence() > 0) {
            sb.append(endpoint.counts().withoutSequence()).append(" entries had no seq. ");
        }
        return sb.toString().trim();
    }

    private static Path writeParsers(Path dir) throws IOException {
        Path f = dir.resolve("parsers.conf");
        Files.writeString(f, ConfigTemplate.resource("parsers.conf"));
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
