package io.tributary.output.sqs;

import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.EventOrdinals;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sqs output against ElasticMQ, a real SQS server, embedded on 127.0.0.1. */
class SqsIT {
    private static final String REGION = "us-east-1";
    private static final EventTime START = new EventTime(1_760_000_000L, 0);
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDSQSTEST", "AWS_SECRET_ACCESS_KEY",
            "sqs-test-secret", "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent", "HOSTNAME", "osquery-1");

    private static SQSRestServer server;
    private static String endpoint;
    private static SqsClient sqs;

    private final TestOutputContext context = new TestOutputContext("sqs.0");
    private SqsOutput output;

    @BeforeAll
    static void startElasticMq() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION).start();
        endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("reader", "reader"))).build();
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
        server.stopAndWait();
    }

    @AfterEach
    void stopOutput() {
        if (output != null) output.stop();
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String standardQueue() { return queue("std-" + UUID.randomUUID().toString().substring(0, 8), Map.of()); }

    private static String fifoQueue() {
        return queue("ordered-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo",
                Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"));
    }

    private SqsOutput start(String... options) throws Exception {
        List<String> kv = new ArrayList<>(List.of("region", REGION, "endpoint", endpoint));
        kv.addAll(List.of(options));
        TestConfig c = TestConfig.of("sqs", SqsConfig.SPEC, TestConfig.map(kv.toArray(String[]::new)));
        output = new SqsOutput(SqsConfig.Settings.from(c, ENV), Clock.systemUTC(), d -> {}, new SplittableRandom(5));
        output.start(context);
        return output;
    }

    /** Receives until the queue answers empty, deleting what it got, in the order received. */
    private static List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (got.isEmpty()) return all;
            all.addAll(got);
            List<DeleteMessageBatchRequestEntry> del = new ArrayList<>();
            for (int i = 0; i < got.size(); i++) {
                del.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(got.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(del));
        }
    }

    private static Chunk records(int n) {
        return Chunks.of("osquery.results", n, START, i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "pack_processes");
            m.put("hostIdentifier", "host-" + (i % 3));
            m.put("seq", (long) i);
            return m;
        });
    }

    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("\"seq\":(\\d+)");

    private static int seq(Message m) {
        java.util.regex.Matcher matcher = SEQ.matcher(m.body());
        assertTrue(matcher.find(), m.body());
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void standardQueueReceivesEveryRecordOnceWithItsAttributes() throws Exception {
        String url = standardQueue();
        start("queue_url", url, "message_attributes", "hostIdentifier,name,absent");
        FlushResult r = output.flush(records(500));
        assertEquals(FlushResult.Status.OK, r.status(), r.message());

        List<Message> got = drain(url);
        assertEquals(500, got.size());
        Map<Integer, Message> bySeq = new HashMap<>();
        for (Message m : got) assertNull(bySeq.put(seq(m), m), "received twice: " + m.body());
        for (int i = 0; i < 500; i++) {
            Message m = bySeq.get(i);
            assertEquals("{\"name\":\"pack_processes\",\"hostIdentifier\":\"host-" + (i % 3) + "\",\"seq\":" + i + "}", m.body());
            assertEquals("host-" + (i % 3), m.messageAttributes().get("hostIdentifier").stringValue());
            assertEquals("String", m.messageAttributes().get("hostIdentifier").dataType());
            assertEquals("pack_processes", m.messageAttributes().get("name").stringValue());
            assertFalse(m.messageAttributes().containsKey("absent"));
        }
    }

    @Test
    void fifoQueueKeepsTheOrderOfEachGroupAndIdenticalRecordsAllArrive() throws Exception {
        String url = fifoQueue();
        start("queue_url", url, "message_group_id_key", "hostIdentifier");
        // Thirty identical records too: SQS must not take them for duplicates of one another.
        Chunk chunk = Chunks.of("osquery.results", 330, START, i -> i < 300
                ? Map.of("hostIdentifier", "host-" + (i % 3), "seq", (long) i)
                : Map.of("hostIdentifier", "host-same", "seq", 1_000_000L));
        FlushResult r = output.flush(chunk);
        assertEquals(FlushResult.Status.OK, r.status(), r.message());

        List<Message> got = drain(url);
        assertEquals(330, got.size());
        Map<String, Integer> last = new HashMap<>();
        int same = 0;
        for (Message m : got) {
            String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            int s = seq(m);
            if (s == 1_000_000) {
                same++;
                assertEquals("host-same", group);
                continue;
            }
            assertEquals("host-" + (s % 3), group);
            Integer before = last.put(group, s);
            assertTrue(before == null || before < s, "group " + group + ": " + s + " after " + before);
        }
        assertEquals(30, same);
        assertEquals(3, last.size());
    }

    @Test
    void aRetriedFifoRecordKeepsItsDeduplicationIdSoSqsDropsTheCopy() throws Exception {
        String url = fifoQueue();
        start("queue_url", url, "message_group_id", "results");
        Chunk chunk = records(100);
        assertEquals(FlushResult.Status.OK, output.flush(chunk).status());
        // The engine retries the whole chunk (say the answer was lost), then a remainder of ten of its records.
        assertEquals(FlushResult.Status.OK, output.flush(chunk).status());
        int[] starts = new int[10];
        int[] ends = new int[10];
        int[] positions = new int[10];
        EventCursor c = chunk.cursor();
        for (int i = 0, k = 0; c.next(); i++) {
            if (i >= 40 && i < 50) {
                starts[k] = c.eventStart();
                ends[k] = c.eventEnd();
                positions[k++] = i;
            }
        }
        Chunk remainder = EventOrdinals.subset(chunk, starts, ends, positions, 10);
        assertEquals(FlushResult.Status.OK, output.flush(remainder).status());

        List<Message> got = drain(url);
        assertEquals(100, got.size(), "each record once: the copies had the same deduplication ids");
        for (int i = 0; i < 100; i++) assertEquals(i, seq(got.get(i)), "in order");
    }

    @Test
    void anOversizeRecordIsDroppedAndCountedAndTheOthersArrive() throws Exception {
        String url = standardQueue();
        start("queue_url", url, "log_key", "log");
        List<String> logs = List.of("small one", "x".repeat(256 * 1024), "y".repeat(256 * 1024 + 1), "small two");
        FlushResult r = output.flush(Chunks.of("big", logs.size(), START, i -> Map.of("log", logs.get(i))));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(new FlushResult.Drop("oversize", 1)), r.drops());
        List<String> bodies = drain(url).stream().map(Message::body).sorted().toList();
        assertEquals(List.of("small one", "small two", "x".repeat(256 * 1024)), bodies);
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("'big'") && l.contains(Integer.toString(256 * 1024 + 1))),
                context.lines.toString());
    }

    @Test
    void withMaxMessageSizeOneMebibyteLargerMessagesArrive() throws Exception {
        String url = standardQueue();
        start("queue_url", url, "log_key", "log", "max_message_size", "1M");
        List<String> logs = List.of("a".repeat(600 * 1024), "b".repeat(1024 * 1024), "c".repeat(1024 * 1024 + 1));
        FlushResult r = output.flush(Chunks.of("big", logs.size(), START, i -> Map.of("log", logs.get(i))));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(new FlushResult.Drop("oversize", 1)), r.drops());
        assertEquals(List.of(logs.get(0), logs.get(1)), drain(url).stream().map(Message::body).sorted().toList());
    }

    @Test
    void aQueueNamedByNameIsLookedUp() throws Exception {
        String url = standardQueue();
        start("queue_name", url.substring(url.lastIndexOf('/') + 1));
        assertEquals(FlushResult.Status.OK, output.flush(records(25)).status());
        assertEquals(25, drain(url).size());
    }

    @Test
    void aMissingQueueHandsTheChunkBack() throws Exception {
        start("queue_name", "no-such-queue");
        FlushResult r = output.flush(records(12));
        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(12, r.remainder().recordCount());
    }
}
