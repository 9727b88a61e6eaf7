package io.tributary.output.firehose;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Firehose endpoint on 127.0.0.1 that checks every PutRecordBatch request as the service does: method and path,
 * content type, X-Amz-Target, a SigV4 Authorization header for service firehose in the expected region, the JSON
 * shape, base64 data, and the limits (500 records, 4 MiB of data per call, 1,000 KiB per record). A request that
 * breaks a rule is refused (and kept in {@link #violations}, which a test expects to be empty). It keeps what it
 * accepted, can fail chosen records (once, or always) with ServiceUnavailableException, and can answer whole calls
 * with ResourceNotFoundException (unknown stream) or HTTP 503 ServiceUnavailableException.
 */
final class StrictFirehoseServer implements AutoCloseable {
    static final int MAX_RECORDS = 500;
    static final long MAX_REQUEST_BYTES = 4L << 20;
    static final int MAX_RECORD_BYTES = 1_000 * 1024;
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    private final HttpServer server;
    private final String region;
    private final Set<String> streams;
    final List<byte[]> accepted = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger refusedCalls = new AtomicInteger();
    final List<Integer> recordsPerCall = new CopyOnWriteArrayList<>();
    final List<Long> bytesPerCall = new CopyOnWriteArrayList<>();
    /** Records (by content) refused at least once, and how often each was offered. */
    final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    /** Data of the records answered with an error code. */
    final List<byte[]> failed = new CopyOnWriteArrayList<>();
    volatile Predicate<byte[]> failOnce = d -> false;
    volatile Predicate<byte[]> failAlways = d -> false;
    /** The next this-many calls are answered 503 ServiceUnavailableException. */
    final AtomicInteger unavailableCalls = new AtomicInteger();

    StrictFirehoseServer(String region, String... streams) throws IOException {
        this(region, null, streams);
    }

    /** With {@code tls}, the server speaks HTTPS only. */
    StrictFirehoseServer(String region, SSLContext tls, String... streams) throws IOException {
        this.region = region;
        this.streams = Set.of(streams);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    int port() { return server.getAddress().getPort(); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            calls.incrementAndGet();
            String problem = checkHeaders(ex);
            if (problem != null) {
                refuse(ex, 400, "SerializationException", problem);
                return;
            }
            if (unavailableCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refusedCalls.incrementAndGet();
                answer(ex, 503, "{\"__type\":\"ServiceUnavailableException\",\"message\":\"Slow down.\"}");
                return;
            }
            JsonNode request;
            try {
                request = JsonNode.parser().parse(body);
            } catch (RuntimeException e) {
                refuse(ex, 400, "SerializationException", "body is not JSON: " + e.getMessage());
                return;
            }
            if (!request.isObject() || request.asObject().keySet().stream().anyMatch(k -> !k.equals("DeliveryStreamName") && !k.equals("Records"))) {
                refuse(ex, 400, "SerializationException", "unexpected fields " + request.asObject().keySet());
                return;
            }
            String stream = request.field("DeliveryStreamName").filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
            if (stream == null) {
                refuse(ex, 400, "ValidationException", "DeliveryStreamName missing");
                return;
            }
            if (!streams.contains(stream)) {
                refusedCalls.incrementAndGet();
                answer(ex, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Firehose " + stream
                        + " under account 123456789012 not found.\"}");
                return;
            }
            List<JsonNode> records = request.field("Records").filter(JsonNode::isArray).map(JsonNode::asArray).orElse(null);
            if (records == null || records.isEmpty() || records.size() > MAX_RECORDS) {
                refuse(ex, 400, "ValidationException", "Records: " + (records == null ? "missing" : records.size() + " records"));
                return;
            }
            List<byte[]> data = new ArrayList<>(records.size());
            long total = 0;
            for (JsonNode r : records) {
                if (!r.isObject() || r.asObject().size() != 1 || r.field("Data").filter(JsonNode::isString).isEmpty()) {
                    refuse(ex, 400, "SerializationException", "a record is not {\"Data\": base64}");
                    return;
                }
                byte[] d;
                try {
                    d = Base64.getDecoder().decode(r.field("Data").get().asString());
                } catch (IllegalArgumentException e) {
                    refuse(ex, 400, "SerializationException", "Data is not base64");
                    return;
                }
                if (d.length == 0 || d.length > MAX_RECORD_BYTES) {
                    refuse(ex, 400, "ValidationException", "record of " + d.length + " bytes (limit " + MAX_RECORD_BYTES + ")");
                    return;
                }
                total += d.length;
                data.add(d);
            }
            if (total > MAX_REQUEST_BYTES) {
                refuse(ex, 400, "ValidationException", "request of " + total + " bytes of data (limit " + MAX_REQUEST_BYTES + ")");
                return;
            }
            recordsPerCall.add(data.size());
            bytesPerCall.add(total);
            StringBuilder out = new StringBuilder();
            int failedCount = 0;
            for (int i = 0; i < data.size(); i++) {
                byte[] d = data.get(i);
                int seen = offered.computeIfAbsent(key(d), k -> new AtomicInteger()).incrementAndGet();
                if (i > 0) out.append(',');
                if (failAlways.test(d) || (seen == 1 && failOnce.test(d))) {
                    failedCount++;
                    failed.add(d);
                    out.append("{\"ErrorCode\":\"ServiceUnavailableException\",\"ErrorMessage\":\"Slow down.\"}");
                } else {
                    accepted.add(d);
                    out.append("{\"RecordId\":\"").append(UUID.randomUUID()).append("\"}");
                }
            }
            answer(ex, 200, "{\"FailedPutCount\":" + failedCount + ",\"Encrypted\":false,\"RequestResponses\":[" + out + "]}");
        }
    }

    static String key(byte[] d) { return Base64.getEncoder().encodeToString(d); }

    private String checkHeaders(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/")) {
            return ex.getRequestMethod() + " " + ex.getRequestURI() + " (expected POST /)";
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-amz-json-1.1")) return "Content-Type " + type;
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"Firehose_20150804.PutRecordBatch".equals(target)) return "X-Amz-Target " + target;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher m = auth == null ? null : AUTH.matcher(auth);
        if (m == null || !m.matches()) return "Authorization is not SigV4: " + auth;
        if (!m.group(3).equals(region) || !m.group(4).equals("firehose")) {
            return "signed for " + m.group(4) + " in " + m.group(3) + ", expected firehose in " + region;
        }
        if (!m.group(5).contains("x-amz-date") || !m.group(5).contains("host")) return "SignedHeaders " + m.group(5);
        if (ex.getRequestHeaders().getFirst("X-Amz-Date") == null) return "X-Amz-Date missing";
        return null;
    }

    private void refuse(HttpExchange ex, int status, String type, String message) throws IOException {
        violations.add(type + ": " + message);
        answer(ex, status, "{\"__type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override public void close() { server.stop(0); }
}
