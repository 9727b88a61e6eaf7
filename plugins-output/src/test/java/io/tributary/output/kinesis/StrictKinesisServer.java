package io.tributary.output.kinesis;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.output.aws.KeyRing;
import io.tributary.output.aws.SigV4Check;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kinesis Data Streams PutRecords on 127.0.0.1, as strict as the service: SigV4 (service "kinesis", the region,
 * the key and its secret), the JSON 1.1 or CBOR 1.1 protocol headers and target (answering in the request's
 * protocol, as Kinesis does), the request shape, and every limit (500 records, the request size, 1 MiB per record
 * including the partition key, 1-256 character partition keys, valid base64 in JSON, byte strings in CBOR). It can
 * fail a chosen fraction of entries with ProvisionedThroughputExceededException, admit entries only at a
 * shard-like rate (the rest fail with that error, as a stream at its write capacity answers), or throttle whole
 * calls for a while, and it keeps what it accepted for the test to read. Public for the distribution's
 * end-to-end tests.
 */
public final class StrictKinesisServer implements AutoCloseable {
    public record Received(String stream, String partitionKey, byte[] data) {}

    static final int MAX_RECORDS = 500;
    static final int MAX_RECORD_BYTES = 1 << 20;
    private static final Set<String> ENTRY_FIELDS = Set.of("Data", "PartitionKey", "ExplicitHashKey");

    public final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> callTimes = new ConcurrentLinkedQueue<>();
    public final AtomicLong calls = new AtomicLong();
    public final AtomicLong refusedCalls = new AtomicLong();
    public final AtomicLong failedEntries = new AtomicLong();
    public final AtomicLong acceptedEntries = new AtomicLong();
    final AtomicLong largestRequest = new AtomicLong();
    public final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();

    final AtomicLong cborCalls = new AtomicLong();

    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final software.amazon.awssdk.protocols.jsoncore.JsonNodeParser CBOR_NODES =
            JsonNode.parserBuilder().jsonFactory(new CBORFactory()).build();

    private final HttpServer server;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms for the
        // client's delayed ACK, which would make the server, not the client, the thing measured.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private final SigV4Check sigv4;
    private final Set<String> streams;
    private final long maxRequestBytes;
    private final boolean keepRecords;
    private final Random random = new Random(42);
    private volatile double entryFailureRate;
    private volatile Instant throttleUntil = Instant.MIN;
    /** Entries admitted per second, 0 for no limit; a token bucket holding one second's worth (guarded by random). */
    private long entriesPerSecond;
    private double entryTokens;
    private long tokensAt;

    public StrictKinesisServer(KeyRing keys, String region, Set<String> streams, long maxRequestBytes, boolean keepRecords) throws IOException {
        this(keys, region, streams, maxRequestBytes, keepRecords, null);
    }

    /** With {@code tls}, the server speaks HTTPS only, as AWS does. */
    StrictKinesisServer(KeyRing keys, String region, Set<String> streams, long maxRequestBytes, boolean keepRecords,
                        javax.net.ssl.SSLContext tls) throws IOException {
        this.sigv4 = new SigV4Check(keys, region, "kinesis");
        this.streams = streams;
        this.maxRequestBytes = maxRequestBytes;
        this.keepRecords = keepRecords;
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    int port() { return server.getAddress().getPort(); }

    void failEntries(double rate) { entryFailureRate = rate; }

    void throttleUntil(Instant until) { throttleUntil = until; }

    /**
     * Admits at most {@code perSecond} entries a second (with a burst of one second's worth), as a stream's shards
     * do; entries beyond that fail with ProvisionedThroughputExceededException in an otherwise successful answer.
     */
    public void limitEntriesPerSecond(long perSecond) {
        synchronized (random) {
            entriesPerSecond = perSecond;
            entryTokens = perSecond;
            tokensAt = System.nanoTime();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            callTimes.add(System.nanoTime());
            largestRequest.accumulateAndGet(body.length, Math::max);
            String refusal = respond(ex, body);
            if (refusal != null) {
                refusedCalls.incrementAndGet();
                refusals.add(refusal);
            }
        } catch (Exception e) {
            refusals.add("server error: " + e);
            error(ex, 500, "InternalFailure", String.valueOf(e));
        }
    }

    /** Answers the call; returns why it was refused, or null. */
    private String respond(HttpExchange ex, byte[] body) throws Exception {
        if (!ex.getRequestMethod().equals("POST") || !"/".equals(ex.getRequestURI().getPath())) {
            return error(ex, 404, "UnknownOperationException", ex.getRequestMethod() + " " + ex.getRequestURI());
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        boolean cbor = CBOR_TYPE.equals(type);
        if (!cbor && !JSON_TYPE.equals(type)) {
            return error(ex, 400, "SerializationException", "unsupported Content-Type " + type);
        }
        cborCalls.addAndGet(cbor ? 1 : 0);
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"Kinesis_20131202.PutRecords".equals(target)) return error(ex, 400, "UnknownOperationException", "target " + target);
        SigV4Check.Refusal r = sigv4.verify(ex, body);
        if (r != null) return error(ex, r.status(), r.code(), r.message());
        // The limit counts decoded data and keys; base64 makes the JSON body a third larger.
        if (body.length > maxRequestBytes / 3 * 4 + (1 << 20)) return error(ex, 413, "ValidationException", "request of " + body.length + " bytes");

        Map<String, JsonNode> req = (cbor ? CBOR_NODES : JsonNode.parser()).parse(body).asObject();
        for (String k : req.keySet()) {
            if (!Set.of("StreamName", "StreamARN", "Records").contains(k)) return error(ex, 400, "SerializationException", "unknown field " + k);
        }
        String stream = req.containsKey("StreamName") ? req.get("StreamName").asString() : null;
        if (stream == null || !streams.contains(stream)) {
            return error(ex, 400, "ResourceNotFoundException", "Stream " + stream + " under account 123456789012 not found.");
        }
        List<JsonNode> records = req.get("Records").asArray();
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            return error(ex, 400, "ValidationException", "1 validation error detected: Value at 'records' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 500 (got " + records.size() + ")");
        }
        long total = 0;
        byte[][] data = new byte[records.size()][];
        String[] keys = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            Map<String, JsonNode> e = records.get(i).asObject();
            for (String k : e.keySet()) if (!ENTRY_FIELDS.contains(k)) return error(ex, 400, "SerializationException", "field " + k);
            if (!e.containsKey("Data") || !e.containsKey("PartitionKey")) return error(ex, 400, "ValidationException", "record " + i + " lacks Data or PartitionKey");
            if (cbor) {
                if (!e.get("Data").isEmbeddedObject() || !(e.get("Data").asEmbeddedObject() instanceof byte[] raw)) {
                    return error(ex, 400, "SerializationException", "record " + i + ": Data is not a CBOR byte string");
                }
                data[i] = raw;
            } else {
                try {
                    data[i] = Base64.getDecoder().decode(e.get("Data").asString());
                } catch (IllegalArgumentException bad) {
                    return error(ex, 400, "SerializationException", "record " + i + ": Data is not base64");
                }
            }
            keys[i] = e.get("PartitionKey").asString();
            int chars = keys[i].codePointCount(0, keys[i].length());
            if (chars < 1 || chars > 256) return error(ex, 400, "ValidationException", "record " + i + ": partition key of " + chars + " characters");
            long size = data[i].length + keys[i].getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_RECORD_BYTES) return error(ex, 400, "ValidationException", "record " + i + " of " + size + " bytes exceeds 1 MiB");
            total += size;
        }
        if (total > maxRequestBytes) return error(ex, 400, "InvalidArgumentException", "records total " + total + " bytes exceed " + maxRequestBytes);
        if (Instant.now().isBefore(throttleUntil)) {
            return error(ex, 400, "ProvisionedThroughputExceededException", "Rate exceeded for stream " + stream);
        }

        StringBuilder out = new StringBuilder(records.size() * 120).append("{\"EncryptionType\":\"NONE\",\"Records\":[");
        int failed = 0;
        int admitted = admit(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) out.append(',');
            boolean fail = i >= admitted;
            synchronized (random) {
                fail |= entryFailureRate > 0 && random.nextDouble() < entryFailureRate;
            }
            if (fail) {
                failed++;
                out.append("{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"Rate exceeded for shard ")
                        .append("shardId-000000000000 in stream ").append(stream).append(" under account 123456789012.\"}");
            } else {
                if (keepRecords) received.add(new Received(stream, keys[i], data[i]));
                out.append("{\"SequenceNumber\":\"4959").append(String.format("%052d", acceptedEntries.incrementAndGet()))
                        .append("\",\"ShardId\":\"shardId-000000000000\"}");
            }
        }
        failedEntries.addAndGet(failed);
        out.append("],\"FailedRecordCount\":").append(failed).append('}');
        if (cbor) sendCbor(ex, 200, out.toString());
        else send(ex, 200, out.toString());
        return null;
    }

    /** The answer re-encoded in CBOR, as Kinesis answers a CBOR call. */
    private static void sendCbor(HttpExchange ex, int status, String json) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        JsonNode answer = JsonNode.parser().parse(json);
        try (var gen = new CBORFactory().createGenerator(bytes)) {
            writeCbor(answer, gen);
        }
        byte[] b = bytes.toByteArray();
        ex.getResponseHeaders().set("Content-Type", CBOR_TYPE);
        ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void writeCbor(JsonNode n, software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator g) throws IOException {
        if (n.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : n.asObject().entrySet()) {
                g.writeFieldName(e.getKey());
                writeCbor(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n.asArray()) writeCbor(e, g);
            g.writeEndArray();
        } else if (n.isNumber()) {
            g.writeNumber(Long.parseLong(n.asNumber()));
        } else {
            g.writeString(n.asString());
        }
    }

    /** How many of the next {@code n} entries the rate limit lets through now: the first ones, in request order. */
    private int admit(int n) {
        synchronized (random) {
            if (entriesPerSecond == 0) return n;
            long now = System.nanoTime();
            entryTokens = Math.min(entriesPerSecond, entryTokens + (now - tokensAt) * entriesPerSecond / 1e9);
            tokensAt = now;
            int ok = (int) Math.min(n, Math.floor(entryTokens));
            entryTokens -= ok;
            return ok;
        }
    }

    private static String error(HttpExchange ex, int status, String code, String message) throws IOException {
        String json = "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
        if (CBOR_TYPE.equals(ex.getRequestHeaders().getFirst("Content-Type"))) sendCbor(ex, status, json);
        else send(ex, status, json);
        return code + ": " + message;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override public void close() { server.stop(0); }

    /**
     * Runs the server in its own process for benchmarks, so that its CPU is not counted as the sender's: prints
     * {@code ENDPOINT <url>}, then, when stdin closes, the number of records it accepted.
     */
    public static void main(String[] args) throws Exception {
        KeyRing keys = new KeyRing(java.time.Clock.systemUTC());
        keys.add(args[0], args[1]);
        try (StrictKinesisServer s = new StrictKinesisServer(keys, "us-east-1", Set.of("bench"), 5L << 20, false)) {
            System.out.println("ENDPOINT " + s.endpoint());
            System.out.flush();
            Thread progress = Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.out.println("PROGRESS " + s.acceptedEntries.get());
                    System.out.flush();
                }
            });
            System.in.readAllBytes();
            progress.interrupt();
            System.out.println("ACCEPTED " + s.acceptedEntries.get() + " CALLS " + s.calls.get() + " REFUSED " + s.refusedCalls.get());
            if (!s.refusals.isEmpty()) System.out.println("FIRST REFUSAL " + s.refusals.peek());
            System.out.flush();
        }
    }
}
