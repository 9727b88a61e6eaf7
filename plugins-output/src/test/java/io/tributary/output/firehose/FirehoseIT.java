package io.tributary.output.firehose;

import io.micrometer.core.instrument.Counter;
import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.EventOrdinals;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FlushResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firehose output against a strict PutRecordBatch server on 127.0.0.1. */
class FirehoseIT {
    private static final String REGION = "eu-west-1";
    private static final EventTime START = new EventTime(1_760_000_000L, 0);
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDFIREHOSETEST", "AWS_SECRET_ACCESS_KEY",
            "firehose-test-secret", "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent", "HOSTNAME", "relay-1");

    private final StrictFirehoseServer server;
    private final TestOutputContext context = new TestOutputContext("firehose.0");
    private FirehoseOutput output;

    FirehoseIT() throws IOException {
        server = new StrictFirehoseServer(REGION, "logs", "syslog-relay");
    }

    @AfterEach
    void close() {
        if (output != null) output.stop();
        server.close();
    }

    private FirehoseOutput start(String... options) throws Exception {
        List<String> kv = new ArrayList<>(List.of("region", REGION, "endpoint", server.endpoint()));
        kv.addAll(List.of(options));
        if (!kv.contains("delivery_stream")) kv.addAll(List.of("delivery_stream", "logs"));
        TestConfig c = TestConfig.of("firehose", FirehoseConfig.SPEC, TestConfig.map(kv.toArray(String[]::new)));
        // No real waiting between retries: the retry loop itself is what is under test.
        output = new FirehoseOutput(FirehoseConfig.Settings.from(c, ENV), Clock.systemUTC(), d -> {}, new SplittableRandom(7));
        output.start(context);
        return output;
    }

    private static Chunk records(int n) {
        return Chunks.of("app.logs", n, START, i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("log", "line " + i);
            m.put("host", "h" + (i % 3));
            m.put("seq", (long) i);
            return m;
        });
    }

    private static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    @Test
    void jsonRecordsArriveExactlyOnceAndOnlyFailedOnesAreSentAgain() throws Exception {
        start();
        server.failOnce = d -> text(d).matches(".*\"seq\":\\d*[05]}");   // every fifth record fails on its first try
        FlushResult r = output.flush(records(3_000));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(), server.violations);
        Set<String> got = new HashSet<>();
        for (byte[] d : server.accepted) assertTrue(got.add(text(d)), "duplicate " + text(d));
        assertEquals(3_000, got.size());
        for (int i = 0; i < 3_000; i++) {
            assertTrue(got.contains("{\"log\":\"line " + i + "\",\"host\":\"h" + (i % 3) + "\",\"seq\":" + i + "}"), "record " + i);
        }
        // A record that failed was offered twice; every other one exactly once.
        long twice = server.offered.values().stream().filter(n -> n.get() == 2).count();
        assertEquals(600, twice);
        assertTrue(server.offered.values().stream().allMatch(n -> n.get() <= 2));
        assertTrue(server.recordsPerCall.stream().allMatch(n -> n <= 500), server.recordsPerCall.toString());
        assertEquals(3_600, server.recordsPerCall.stream().mapToInt(Integer::intValue).sum(), "3,000 sent, 600 sent again");
    }

    @Test
    void fiftyThousandRecordsThroughHalfFailingEntriesArriveExactlyOnce() throws Exception {
        start();
        server.failOnce = d -> (d[d.length - 2] & 1) == 0;   // the last digit of seq: every even record fails once
        FlushResult r = output.flush(records(50_000));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(), server.violations);
        assertEquals(50_000, server.accepted.size());
        assertEquals(50_000, server.accepted.stream().map(StrictFirehoseServer::key).distinct().count());
        assertEquals(25_000, server.failed.size());
        assertEquals(75_000, server.recordsPerCall.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void requestAndRecordLimitsHoldAtTheBoundary() throws Exception {
        start("log_key", "log");
        int limit = StrictFirehoseServer.MAX_RECORD_BYTES;
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < 9; i++) logs.add(("r" + i + "-").repeat(1) + "x".repeat(600 * 1024 - 4));
        logs.add("y".repeat(limit));        // exactly the record limit: sent
        logs.add("z".repeat(limit + 1));    // one byte over: dropped and counted
        Chunk chunk = Chunks.of("big.logs", logs.size(), START, i -> Map.of("log", logs.get(i)));

        FlushResult r = output.flush(chunk);

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(new FlushResult.Drop("oversize", 1)), r.drops());
        assertEquals(List.of(), server.violations);
        assertEquals(10, server.accepted.size());
        assertTrue(server.accepted.stream().anyMatch(d -> d.length == limit));
        assertTrue(server.bytesPerCall.stream().allMatch(b -> b <= StrictFirehoseServer.MAX_REQUEST_BYTES));
        assertTrue(server.recordsPerCall.size() >= 2, "10 records of 600 KiB or more need at least two calls");
        assertEquals(1, context.count("over the 1024000-byte record limit"), context.lines.toString());
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("'big.logs'") && l.contains(Integer.toString(limit + 1))));
    }

    @Test
    void unknownDeliveryStreamHandsTheWholeChunkBack() throws Exception {
        start("delivery_stream", "missing");
        Chunk chunk = records(50);
        FlushResult r = output.flush(chunk);

        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(50, r.remainder().recordCount());
        assertTrue(r.message().contains("ResourceNotFoundException"), r.message());
        assertTrue(context.lines.stream().noneMatch(l -> l.contains("firehose-test-secret")) && !r.message().contains("firehose-test-secret"),
                "the secret key never reaches a log line or a result");
        assertEquals(0, server.accepted.size());
        assertEquals(List.of(), server.violations);
    }

    @Test
    void serviceUnavailableSlowsTheOutputDownThenAllIsDelivered() throws Exception {
        start();
        server.unavailableCalls.set(3);
        FlushResult r = output.flush(records(200));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(200, server.accepted.size());
        assertEquals(3, server.refusedCalls.get());
        Counter throttled = context.meters.find("tributary.output.aws.calls.throttled").counter();
        assertEquals(3.0, throttled.count(), "each refused call counts as throttled");
        assertTrue(context.meters.find("tributary.output.aws.concurrency").gauge().value() < 8, "AIMD lowered the limit");
    }

    // ---- format cloudwatch_logs ----

    /** One Firehose record of format cloudwatch_logs, decompressed and parsed. */
    record Envelope(String owner, String group, String stream, List<String> filters, List<JsonNode> events, int bytes) {
        static Envelope of(byte[] gz) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                JsonNode n = JsonNode.parser().parse(in.readAllBytes());
                assertEquals(Set.of("messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents"),
                        n.asObject().keySet());
                assertEquals("DATA_MESSAGE", n.field("messageType").get().asString());
                List<String> filters = n.field("subscriptionFilters").get().asArray().stream().map(JsonNode::asString).toList();
                return new Envelope(n.field("owner").get().asString(), n.field("logGroup").get().asString(),
                        n.field("logStream").get().asString(), filters, n.field("logEvents").get().asArray(), gz.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void cloudWatchLogsEnvelopesGatherEachStreamAndParseAsSubscriptionData() throws Exception {
        start("format", "cloudwatch_logs", "log_key", "log", "log_group", "/tributary/syslog", "log_stream", "$host",
                "log_owner", "123456789012");
        FlushResult r = output.flush(records(600));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(), server.violations);
        assertEquals(3, server.accepted.size(), "one envelope per log stream");
        Set<String> ids = new HashSet<>();
        int events = 0;
        for (byte[] d : server.accepted) {
            Envelope e = Envelope.of(d);
            assertEquals("123456789012", e.owner());
            assertEquals("/tributary/syslog", e.group());
            assertEquals(List.of("/tributary/syslog"), e.filters());
            int host = Integer.parseInt(e.stream().substring(1));
            int previous = -1;
            for (JsonNode ev : e.events()) {
                assertEquals(Set.of("id", "timestamp", "message"), ev.asObject().keySet());
                int i = Integer.parseInt(ev.field("message").get().asString().substring("line ".length()));
                assertEquals(host, i % 3, "record " + i + " in stream " + e.stream());
                assertTrue(i > previous, "records keep their order within a stream");
                previous = i;
                long ts = Long.parseLong(ev.field("timestamp").get().asNumber());
                assertEquals(START.toMillis() + i, ts);
                String id = ev.field("id").get().asString();
                assertEquals(56, id.length(), id);
                assertTrue(id.chars().allMatch(Character::isDigit), id);
                assertEquals(BigInteger.valueOf(ts), new BigInteger(id).shiftRight(144), "the id starts with the timestamp");
                assertTrue(ids.add(id), "duplicate id " + id);
                events++;
            }
        }
        assertEquals(600, events);
    }

    @Test
    void largeEnvelopesAreSplitUnderTheRecordLimitAndTenThousandEvents() throws Exception {
        start("format", "cloudwatch_logs", "log_key", "log", "log_group", "fixed", "log_stream", "one");
        Random random = new Random(3);
        int n = 30_000;
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] noise = new byte[90];
            random.nextBytes(noise);
            lines.add(i + " " + java.util.Base64.getEncoder().encodeToString(noise));
        }
        FlushResult r = output.flush(Chunks.of("noise", n, START, i -> Map.of("log", lines.get(i))));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(), server.violations);
        Map<String, Integer> seen = new HashMap<>();
        for (byte[] d : server.accepted) {
            Envelope e = Envelope.of(d);
            assertTrue(e.bytes() <= StrictFirehoseServer.MAX_RECORD_BYTES);
            assertTrue(e.events().size() <= CloudWatchLogsEncoder.MAX_EVENTS);
            for (JsonNode ev : e.events()) seen.merge(ev.field("message").get().asString(), 1, Integer::sum);
        }
        assertEquals(n, seen.size());
        assertTrue(seen.values().stream().allMatch(c -> c == 1));
        assertTrue(server.accepted.size() >= 3, "30,000 events need at least three envelopes");
    }

    @Test
    void retriedEventsKeepTheirIdsAndNoneIsDuplicated() throws Exception {
        start("format", "cloudwatch_logs", "log_key", "log", "log_stream", "$host", "retry_attempts", "1");
        server.failOnce = d -> Envelope.of(d).stream().equals("h1");
        Chunk chunk = records(300);

        FlushResult first = output.flush(chunk);
        assertEquals(FlushResult.Status.RETRY, first.status());
        assertEquals(100, first.remainder().recordCount(), "only the records of the failed envelope come back");
        FlushResult second = output.flush(first.remainder());
        assertEquals(FlushResult.Status.OK, second.status(), second.message());

        Map<String, String> failedIds = new HashMap<>();
        for (byte[] d : server.failed) {
            for (JsonNode ev : Envelope.of(d).events()) failedIds.put(ev.field("message").get().asString(), ev.field("id").get().asString());
        }
        assertEquals(100, failedIds.size());
        Map<String, String> deliveredIds = new HashMap<>();
        for (byte[] d : server.accepted) {
            Envelope e = Envelope.of(d);
            assertEquals("app.logs", e.group(), "the tag names the group when log_group is unset");
            for (JsonNode ev : e.events()) {
                String old = deliveredIds.put(ev.field("message").get().asString(), ev.field("id").get().asString());
                assertEquals(null, old, "delivered twice: " + ev.field("message").get().asString());
            }
        }
        assertEquals(300, deliveredIds.size());
        for (Map.Entry<String, String> f : failedIds.entrySet()) {
            assertEquals(f.getValue(), deliveredIds.get(f.getKey()), "a retried event keeps its id");
        }
        assertEquals(100, first.remainder().decodeAll().stream()
                .filter(e -> e.metadata().containsKey(EventOrdinals.KEY)).count());
    }

    @Test
    void theGoPluginNameReadsPercentLAsMilliseconds() throws ConfigException {
        TestConfig c = TestConfig.of("firehose", FirehoseConfig.SPEC, TestConfig.map("region", REGION,
                "delivery_stream", "logs", "data_keys", "log,host", "time_key", "ts", "time_key_format", "%Y %L"));
        FirehoseConfig.Settings s = FirehoseConfig.Settings.from(c, ENV);
        assertEquals(List.of("log", "host"), s.format().dataKeys());
        assertEquals(io.tributary.output.aws.TimeFormat.LStyle.MILLIS, s.format().lStyle());
    }
}
