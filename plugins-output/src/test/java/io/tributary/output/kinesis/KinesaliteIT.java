package io.tributary.output.kinesis;

import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.FlushDriver;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.spi.OutputPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records through the kinesis output into kinesalite, read back with GetRecords (and the KCL's de-aggregation). */
class KinesaliteIT {
    private static Kinesalite kinesalite;
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestOutputContext context = new TestOutputContext("kinesis_streams.0");

    @BeforeAll
    static void startKinesalite() throws Exception { kinesalite = Kinesalite.start(); }

    @AfterAll
    static void stopKinesalite() { if (kinesalite != null) kinesalite.close(); }

    @AfterEach
    void close() throws Exception { for (AutoCloseable c : open) c.close(); }

    private String stream() throws InterruptedException {
        String name = "logs-" + STREAMS.incrementAndGet();
        kinesalite.createStream(name, 3);
        return name;
    }

    private OutputPlugin output(String plugin, String stream, String... extra) throws Exception {
        Map<String, String> m = TestConfig.map("stream", stream, "region", "us-east-1", "endpoint", kinesalite.endpoint);
        m.putAll(TestConfig.map(extra));
        KinesisFactory f = new KinesisFactory();
        OutputPlugin out = f.create(TestConfig.of(plugin, f.spec(), m), TestConfig.env(Map.of(
                "AWS_ACCESS_KEY_ID", Kinesalite.KEY_ID, "AWS_SECRET_ACCESS_KEY", Kinesalite.SECRET, "AWS_EC2_METADATA_DISABLED", "true")));
        out.start(context);
        open.add(out::stop);
        return out;
    }

    static Map<String, Object> record(int i) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", (long) i);
        body.put("log", "line " + i + " \"quoted\" ü");
        body.put("level", i % 3 == 0 ? "warn" : "info");
        body.put("kubernetes", Map.of("pod_name", "web-" + (i % 5), "labels", Map.of("app.kubernetes.io/name", "web")));
        return body;
    }

    static List<Chunk> chunks(int total, int perChunk) {
        List<Chunk> out = new ArrayList<>();
        for (int start = 0; start < total; start += perChunk) {
            int from = start;
            out.add(Chunks.of("kube.web", Math.min(perChunk, total - start), EventTime.ofMillis(1_763_904_175_000L + from),
                    i -> record(from + i)));
        }
        return out;
    }

    private static Map<String, JsonNode> json(byte[] data) { return JsonNode.parser().parse(data).asObject(); }

    private static long id(Map<String, JsonNode> rec) { return Long.parseLong(rec.get("id").asNumber()); }

    @Test
    void everyRecordArrivesExactlyOnceWithTheTimeKey() throws Exception {
        String stream = stream();
        OutputPlugin out = output("kinesis_streams", stream, "time_key", "@timestamp", "time_key_format", "%Y-%m-%dT%H:%M:%S.%LZ");
        new FlushDriver(out, 2, Duration.ofMillis(100)).deliver(chunks(3_000, 500));

        List<Record> records = kinesalite.readAll(stream);
        assertEquals(3_000, records.size());
        Set<Long> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Record r : records) {
            Map<String, JsonNode> rec = json(r.data().asByteArray());
            assertTrue(ids.add(id(rec)), "duplicate " + id(rec));
            keys.add(r.partitionKey());
            long ms = id(rec);
            // Fluent Bit's core plugin reads %L as nanoseconds.
            String expected = String.format("2025-11-23T13:22:%02d.%03d000000Z", 55 + ms / 1000, ms % 1000);
            assertEquals(expected, rec.get("@timestamp").asString());
            assertEquals("line " + ms + " \"quoted\" ü", rec.get("log").asString());
            assertEquals("web", rec.get("kubernetes").asObject().get("labels").asObject().get("app.kubernetes.io/name").asString());
        }
        assertEquals(3_000, ids.size());
        assertTrue(keys.size() > 2_900, "random partition keys: " + keys.size() + " distinct");
    }

    @Test
    void goPluginOptionsPartitionKeyDataKeysAndNewline() throws Exception {
        String stream = stream();
        OutputPlugin out = output("kinesis", stream, "partition_key", "kubernetes->pod_name", "data_keys", "id,log",
                "append_newline", "true", "time_key", "ts", "time_key_format", "%H:%M:%S.%L");
        new FlushDriver(out, 1, Duration.ofMillis(100)).deliver(chunks(1_000, 250));

        List<Record> records = kinesalite.readAll(stream);
        assertEquals(1_000, records.size());
        Set<Long> ids = new HashSet<>();
        for (Record r : records) {
            String text = r.data().asUtf8String();
            assertTrue(text.endsWith("}\n"), text);
            Map<String, JsonNode> rec = json(r.data().asByteArray());
            assertEquals(Set.of("id", "log", "ts"), rec.keySet());
            long id = id(rec);
            assertTrue(ids.add(id));
            assertEquals("web-" + (id % 5), r.partitionKey());
            assertEquals(String.format("13:22:%02d.%03d", 55 + id / 1000, id % 1000), rec.get("ts").asString(), "%L is ms for 'kinesis'");
        }
    }

    @Test
    void logKeySendsOnlyTheLogLine() throws Exception {
        String stream = stream();
        OutputPlugin out = output("kinesis_streams", stream, "log_key", "log");
        out.flush(chunks(200, 200).get(0));
        Set<String> lines = new HashSet<>();
        for (Record r : kinesalite.readAll(stream)) lines.add(r.data().asUtf8String());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200; i++) expected.add("line " + i + " \"quoted\" ü");
        assertEquals(expected, lines);
    }

    @Test
    void kplAggregatedRecordsDeaggregateWithTheKclToTheOriginals() throws Exception {
        String stream = stream();
        OutputPlugin out = output("kinesis", stream, "aggregation", "true", "partition_key", "kubernetes->pod_name");
        new FlushDriver(out, 2, Duration.ofMillis(100)).deliver(chunks(20_000, 5_000));

        List<Record> records = kinesalite.readAll(stream);
        assertTrue(records.size() < 200, "aggregated into few Kinesis records: " + records.size());
        List<KinesisClientRecord> raw = new ArrayList<>();
        for (Record r : records) raw.add(KinesisClientRecord.fromRecord(r));
        List<KinesisClientRecord> users = new AggregatorUtil().deaggregate(raw);
        assertEquals(20_000, users.size());
        Map<Long, String> keyById = new HashMap<>();
        for (KinesisClientRecord u : users) {
            assertTrue(u.aggregated(), "came out of an aggregate");
            ByteBuffer d = u.data();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            Map<String, JsonNode> rec = json(b);
            long id = id(rec);
            assertTrue(keyById.put(id, u.partitionKey()) == null, "duplicate " + id);
            String expected = "{\"id\":" + id + ",\"log\":\"line " + id + " \\\"quoted\\\" ü\",\"level\":\""
                    + (id % 3 == 0 ? "warn" : "info") + "\",\"kubernetes\":";
            assertTrue(new String(b, StandardCharsets.UTF_8).startsWith(expected), new String(b, StandardCharsets.UTF_8));
            assertEquals("web-" + (id % 5), u.partitionKey());
        }
        assertEquals(20_000, keyById.size());
    }

    @Test
    void simpleAggregationPacksLinesIntoFewRecords() throws Exception {
        String stream = stream();
        OutputPlugin out = output("kinesis_streams", stream, "simple_aggregation", "true", "compression", "gzip");
        new FlushDriver(out, 1, Duration.ofMillis(100)).deliver(chunks(10_000, 5_000));
        List<Record> records = kinesalite.readAll(stream);
        assertTrue(records.size() <= 4, records.size() + " records");
        Set<Long> ids = new HashSet<>();
        for (Record r : records) {
            byte[] plain = new java.util.zip.GZIPInputStream(r.data().asInputStream()).readAllBytes();
            for (String line : new String(plain, StandardCharsets.UTF_8).split("\n")) {
                assertTrue(ids.add(id(json(line.getBytes(StandardCharsets.UTF_8)))));
            }
        }
        assertEquals(10_000, ids.size());
    }

}
