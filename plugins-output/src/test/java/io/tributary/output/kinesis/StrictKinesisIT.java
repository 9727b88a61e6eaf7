package io.tributary.output.kinesis;

import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.FlushDriver;
import io.tributary.output.aws.KeyRing;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kinesis output against the strict PutRecords server: partial failures, throttling, limits, credentials. */
class StrictKinesisIT {
    static final String KEY_ID = "AKIATESTSTRICT000001";
    static final String SECRET = "strict-secret-0000000000000000000000000";

    private final KeyRing keys = new KeyRing(Clock.systemUTC());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestOutputContext context = new TestOutputContext("kinesis_streams.0");

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private StrictKinesisServer server(long maxRequestBytes) throws Exception {
        keys.add(KEY_ID, SECRET);
        StrictKinesisServer s = new StrictKinesisServer(keys, "eu-west-1", Set.of("logs"), maxRequestBytes, true);
        open.add(s);
        return s;
    }

    private OutputPlugin output(StrictKinesisServer server, String... extra) throws Exception {
        Map<String, String> m = TestConfig.map("stream", "logs", "region", "eu-west-1", "endpoint", server.endpoint(),
                "aws_access_key_id", KEY_ID, "aws_secret_access_key", SECRET);
        m.putAll(TestConfig.map(extra));
        KinesisFactory f = new KinesisFactory();
        OutputPlugin out = f.create(TestConfig.of("kinesis_streams", f.spec(), m), TestConfig.env(Map.of("AWS_EC2_METADATA_DISABLED", "true")));
        out.start(context);
        open.add(out::stop);
        return out;
    }

    static Map<String, Object> record(int i) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", (long) i);
        body.put("log", "GET /api/v1/items/" + i + " HTTP/1.1 200 " + "x".repeat(120));
        body.put("kubernetes", Map.of("pod_name", "pod-" + (i % 7), "namespace_name", "shop"));
        return body;
    }

    static List<Chunk> chunks(int total, int perChunk) { return chunks(0, total, perChunk); }

    static List<Chunk> chunks(int firstId, int total, int perChunk) {
        List<Chunk> out = new ArrayList<>();
        for (int start = 0; start < total; start += perChunk) {
            int from = firstId + start;
            out.add(Chunks.of("app.access", Math.min(perChunk, total - start), new EventTime(1_763_900_000, 0), i -> record(from + i)));
        }
        return out;
    }

    private static Map<Long, Integer> idCounts(StrictKinesisServer server) {
        Map<Long, Integer> counts = new HashMap<>();
        for (StrictKinesisServer.Received r : server.received) {
            long id = Long.parseLong(JsonNode.parser().parse(r.data()).asObject().get("id").asNumber());
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void hundredThousandRecordsThroughHalfFailingEntriesArriveExactlyOnce() throws Exception {
        StrictKinesisServer server = server(5L << 20);
        server.failEntries(0.5);
        OutputPlugin out = output(server, "partition_key", "kubernetes->pod_name", "backoff_base", "5ms", "backoff_cap", "100ms");
        FlushDriver driver = new FlushDriver(out, 2, Duration.ofMillis(50));
        driver.deliver(chunks(100_000, 2_000));

        Map<Long, Integer> counts = idCounts(server);
        assertEquals(100_000, counts.size(), "every record delivered");
        assertEquals(100_000, server.received.size(), "no record delivered twice");
        assertEquals(0, driver.dropped.get());
        assertEquals(0, driver.errors.get());
        assertTrue(server.failedEntries.get() >= 90_000, "about half of all entries failed at least once: " + server.failedEntries);
        assertTrue(server.refusals.isEmpty(), "the server refused: " + server.refusals.peek());
        for (StrictKinesisServer.Received r : server.received) {
            long id = Long.parseLong(JsonNode.parser().parse(r.data()).asObject().get("id").asNumber());
            assertEquals("pod-" + (id % 7), r.partitionKey());
        }
    }

    @Test
    void cborCallsWithHalfFailingEntriesArriveExactlyOnce() throws Exception {
        StrictKinesisServer server = server(5L << 20);
        server.failEntries(0.5);
        OutputPlugin out = output(server, "protocol", "cbor", "partition_key", "kubernetes->pod_name",
                "backoff_base", "5ms", "backoff_cap", "100ms");
        FlushDriver driver = new FlushDriver(out, 2, Duration.ofMillis(50));
        driver.deliver(chunks(20_000, 2_000));

        Map<Long, Integer> counts = idCounts(server);
        assertEquals(20_000, counts.size(), "every record delivered");
        assertEquals(20_000, server.received.size(), "no record delivered twice");
        assertEquals(server.calls.get(), server.cborCalls.get(), "every call was CBOR");
        assertTrue(server.failedEntries.get() >= 15_000, "about half of all entries failed at least once: " + server.failedEntries);
        assertTrue(server.refusals.isEmpty(), "the server refused: " + server.refusals.peek());
    }

    @Test
    void throttlingSlowsTheCallsDownAndEverythingArrivesAfterwards() throws Exception {
        StrictKinesisServer server = server(5L << 20);
        OutputPlugin out = output(server, "batch_records", "10", "max_concurrency", "16");
        FlushDriver warmup = new FlushDriver(out, 2, Duration.ofMillis(20));
        long t0 = System.nanoTime();
        warmup.deliver(chunks(20_000, 100));
        double freeRate = server.calls.get() / ((System.nanoTime() - t0) / 1e9);

        Instant throttleStart = Instant.now();
        Instant throttleEnd = throttleStart.plusSeconds(4);
        server.throttleUntil(throttleEnd);
        FlushDriver driver = new FlushDriver(out, 2, Duration.ofMillis(20));
        Thread load = Thread.ofVirtual().start(() -> {
            try {
                driver.deliver(chunks(20_000, 2_000, 100));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // After a second of throttled replies the sender has settled at its slowest: count the calls from then on.
        while (Instant.now().isBefore(throttleStart.plusSeconds(1))) Thread.sleep(20);
        long callsBefore = server.calls.get();
        long start = System.nanoTime();
        // Read the meters while still throttled: the first success afterwards starts the recovery.
        while (Instant.now().isBefore(throttleEnd.minusMillis(300))) Thread.sleep(20);
        double limitDuring = context.meters.get("tributary.output.aws.concurrency").gauge().value();
        double spacingDuring = context.meters.get("tributary.output.aws.call.spacing.seconds").gauge().value();
        double throttledRate = (server.calls.get() - callsBefore) / ((System.nanoTime() - start) / 1e9);
        assertTrue(load.join(Duration.ofSeconds(60)), "delivered within a minute after the throttling");
        assertEquals(0, driver.errors.get(), driver.results.toString());

        assertTrue(freeRate > 20, "calls/s unthrottled: " + freeRate);
        assertTrue(throttledRate <= 2.5, "calls/s while throttled " + throttledRate + " (unthrottled " + freeRate + ")");
        assertEquals(1.0, spacingDuring, 1e-9, "call spacing at its cap while throttled");
        assertEquals(1.0, limitDuring, "concurrency at its floor while throttled");
        assertEquals(22_000, idCounts(server).size());
        assertEquals(22_000, server.received.size(), "nothing twice");
        assertEquals(0, driver.dropped.get());
    }

    @Test
    void oversizeRecordsAreDroppedCountedAndLoggedOnce() throws Exception {
        StrictKinesisServer server = server(5L << 20);
        OutputPlugin out = output(server);
        Chunk chunk = Chunks.of("big.tag", 10, new EventTime(1_763_900_000, 0), i -> {
            Map<String, Object> b = record(i);
            if (i == 2 || i == 7) b.put("log", "y".repeat(1 << 20));
            return b;
        });
        FlushResult r = out.flush(chunk);
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(List.of(new FlushResult.Drop("oversize", 2)), r.drops());
        assertEquals(8, server.received.size());
        assertEquals(1, context.count("over the 1048576-byte record limit"), context.lines.toString());
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("'big.tag'")));
    }

    @Test
    void requestsStayWithinTheRaisedTenMebibyteLimit() throws Exception {
        StrictKinesisServer server = server(10L << 20);
        OutputPlugin out = output(server, "batch_bytes", "10M");
        Chunk chunk = Chunks.of("t", 40, new EventTime(1_763_900_000, 0), i -> Map.of("id", (long) i, "log", "z".repeat(700_000)));
        FlushResult r = out.flush(chunk);
        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(40, server.received.size());
        assertTrue(server.largestRequest.get() > (5L << 20), "used the raised limit: " + server.largestRequest);
        assertTrue(server.refusals.isEmpty(), String.valueOf(server.refusals.peek()));
    }

    @Test
    void refusedCredentialsGiveTheRecordsBackWithoutDroppingAny() throws Exception {
        StrictKinesisServer server = server(5L << 20);
        Map<String, String> m = TestConfig.map("stream", "logs", "region", "eu-west-1", "endpoint", server.endpoint(),
                "aws_access_key_id", "AKIAUNKNOWN000000000", "aws_secret_access_key", "wrong-secret");
        KinesisFactory f = new KinesisFactory();
        OutputPlugin out = f.create(TestConfig.of("kinesis_streams", f.spec(), m), TestConfig.env(Map.of()));
        out.start(context);
        open.add(out::stop);
        FlushResult r = out.flush(chunks(30, 30).get(0));
        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(30, r.remainder().recordCount());
        assertEquals(0, r.droppedRecords());
        assertTrue(r.message().contains("UnrecognizedClientException"), r.message());
        assertTrue(server.received.isEmpty());
        Set<String> codes = new HashSet<>(server.refusals);
        assertEquals(1, codes.size());
    }
}
