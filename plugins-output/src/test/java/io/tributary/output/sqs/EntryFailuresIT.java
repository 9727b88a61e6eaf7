package io.tributary.output.sqs;

import com.sun.net.httpserver.HttpServer;
import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entry-level failures, which ElasticMQ never produces: a strict SendMessageBatch endpoint (AWS JSON 1.0, SigV4 for
 * sqs, entry ids unique, at most 10 entries) that refuses chosen messages with SenderFault true or false. A sender
 * fault is dropped and counted under its code; a service fault is sent again; nothing accepted is sent twice.
 */
class EntryFailuresIT {
    private final HttpServer server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    private final TestOutputContext context = new TestOutputContext("sqs.0");
    private SqsOutput output;

    EntryFailuresIT() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] in = ex.getRequestBody().readAllBytes();
                String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
                String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
                String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
                if (!"AmazonSQS.SendMessageBatch".equals(target) || !auth.contains("/us-east-1/sqs/aws4_request")
                        || !type.startsWith("application/x-amz-json-1.0")) {
                    violations.add(target + " " + auth + " " + type);
                }
                JsonNode req = JsonNode.parser().parse(in);
                List<JsonNode> entries = req.field("Entries").get().asArray();
                if (entries.isEmpty() || entries.size() > 10) violations.add(entries.size() + " entries");
                StringBuilder ok = new StringBuilder();
                StringBuilder failed = new StringBuilder();
                java.util.Set<String> ids = new java.util.HashSet<>();
                for (JsonNode e : entries) {
                    String id = e.field("Id").get().asString();
                    String body = e.field("MessageBody").get().asString();
                    boolean fifo = req.field("QueueUrl").get().asString().endsWith(".fifo");
                    if (fifo && (e.field("MessageGroupId").isEmpty() || e.field("MessageDeduplicationId").isEmpty())) {
                        violations.add("FIFO entry without group or deduplication id: " + body);
                    }
                    if (!ids.add(id)) violations.add("duplicate entry id " + id);
                    int seen = offered.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                    if (body.startsWith("refuse")) {
                        failed.append(failed.isEmpty() ? "" : ",").append("{\"Id\":\"").append(id)
                                .append("\",\"SenderFault\":true,\"Code\":\"InvalidParameterValue\",\"Message\":\"not for this queue\"}");
                    } else if (body.startsWith("stuck") || body.startsWith("flaky") && seen == 1) {
                        failed.append(failed.isEmpty() ? "" : ",").append("{\"Id\":\"").append(id)
                                .append("\",\"SenderFault\":false,\"Code\":\"InternalError\",\"Message\":\"try again\"}");
                    } else {
                        accepted.add(body);
                        ok.append(ok.isEmpty() ? "" : ",").append("{\"Id\":\"").append(id).append("\",\"MessageId\":\"")
                                .append(UUID.randomUUID()).append("\",\"MD5OfMessageBody\":\"").append(md5(body)).append("\"}");
                    }
                }
                byte[] out = ("{\"Successful\":[" + ok + "],\"Failed\":[" + failed + "]}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
            }
        });
        server.start();
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (output != null) output.stop();
        server.stop(0);
    }

    @Test
    void senderFaultsAreDroppedWithTheirCodeAndServiceFaultsSentAgain() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        TestConfig c = TestConfig.of("sqs", SqsConfig.SPEC, TestConfig.map("region", "us-east-1", "endpoint", endpoint,
                "queue_url", endpoint + "/123456789012/results", "log_key", "log"));
        output = new SqsOutput(SqsConfig.Settings.from(c, Map.of("AWS_ACCESS_KEY_ID", "AKIDSQS", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent")), Clock.systemUTC(), d -> {}, new SplittableRandom(1));
        output.start(context);
        List<String> logs = List.of("fine 0", "refuse 1", "flaky 2", "fine 3", "refuse 4", "flaky 5", "fine 6");
        FlushResult r = output.flush(Chunks.of("app", logs.size(), new EventTime(1_760_000_000L, 0), i -> Map.of("log", logs.get(i))));

        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(List.of(new FlushResult.Drop("InvalidParameterValue", 2)), r.drops());
        assertEquals(List.of("fine 0", "fine 3", "fine 6", "flaky 2", "flaky 5"), accepted.stream().sorted().toList());
        assertEquals(List.of(), violations);
        assertEquals(1, offered.get("fine 0").get(), "an accepted message is never sent again");
        assertEquals(2, offered.get("flaky 2").get());
        assertEquals(1, offered.get("refuse 1").get(), "a sender fault is not retried");
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("dropped 2 record(s) with tag 'app': InvalidParameterValue")),
                context.lines.toString());
    }

    @Test
    void onAFifoQueueNothingOvertakesARecordThatCouldNotBeSent() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        TestConfig c = TestConfig.of("sqs", SqsConfig.SPEC, TestConfig.map("region", "us-east-1", "endpoint", endpoint,
                "queue_url", endpoint + "/123456789012/results.fifo", "log_key", "log", "message_group_id", "g",
                "retry_attempts", "2"));
        output = new SqsOutput(SqsConfig.Settings.from(c, Map.of("AWS_ACCESS_KEY_ID", "AKIDSQS", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent")), Clock.systemUTC(), d -> {}, new SplittableRandom(1));
        output.start(context);
        FlushResult r = output.flush(Chunks.of("app", 25, new EventTime(1_760_000_000L, 0),
                i -> Map.of("log", (i == 12 ? "stuck " : "fine ") + i)));

        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(List.of(), violations);
        // Batch 10-19 was accepted but for 12, which failed twice; batch 20-24 was never sent.
        List<String> back = r.remainder().decodeAll().stream().map(e -> (String) e.body().get("log")).toList();
        assertEquals(List.of("stuck 12", "fine 20", "fine 21", "fine 22", "fine 23", "fine 24"), back);
        assertEquals(19, accepted.size());
        assertEquals(2, offered.get("stuck 12").get());
        assertTrue(offered.keySet().stream().noneMatch(b -> b.matches("fine 2[0-4]")), offered.keySet().toString());
    }
}
