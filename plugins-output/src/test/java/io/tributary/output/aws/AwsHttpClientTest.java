package io.tributary.output.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS outputs' own HTTP client against real servers on 127.0.0.1: the JDK's HttpServer/HttpsServer for
 * ordinary answers, a raw socket server for what servers do only sometimes, and a tiny CONNECT proxy.
 */
class AwsHttpClientTest {
    private static final String TARGET = "Kinesis_20131202.PutRecords";
    private static final byte[] BODY = "{\"StreamName\":\"s\",\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final AnswerParser<String> AS_TEXT = (a, n) -> new String(a, 0, n, StandardCharsets.UTF_8);

    @TempDir Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    // ---- ordinary answers -------------------------------------------------------------------------------------

    @Test
    void manyCallsShareOneKeptAliveConnectionAndSendASignedRequest() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        List<Map<String, List<String>>> seen = new ArrayList<>();
        HttpServer server = http(ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (seen) {
                seen.add(Map.copyOf(ex.getRequestHeaders()));
            }
            reply(ex, 200, "{\"FailedRecordCount\":0,\"Length\":" + body.length + "}");
        });
        AwsJsonClient client = client("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty());
        for (int i = 0; i < 25; i++) {
            assertEquals("{\"FailedRecordCount\":0,\"Length\":" + BODY.length + "}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        }
        assertEquals(1, clientPorts.size(), "one connection for all calls");
        Map<String, List<String>> h = seen.get(0);
        assertEquals(List.of(TARGET), h.get("X-amz-target"));
        assertEquals(List.of("127.0.0.1:" + server.getAddress().getPort()), h.get("Host"));
        assertEquals(List.of("application/x-amz-json-1.1"), h.get("Content-type"));
        assertEquals(List.of(Integer.toString(BODY.length)), h.get("Content-length"));
        assertTrue(h.get("Authorization").get(0).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), h.toString());
        assertNotNull(h.get("X-amz-date"));
        assertNotNull(h.get("X-amz-content-sha256"));
    }

    @Test
    void aChunkedLargeAnswerIsReadWhole() throws Exception {
        byte[] big = randomJsonArray(3 << 20);
        HttpServer server = http(ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(200, 0);   // 0: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int at = 0; at < big.length; at += 7777) out.write(big, at, Math.min(7777, big.length - at));
            }
        });
        AwsJsonClient client = client("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty());
        for (int i = 0; i < 3; i++) {
            byte[] got = client.call(TARGET, BODY, BODY.length, (a, n) -> Arrays.copyOf(a, n));
            assertArrayEquals(big, got);
        }
    }

    @Test
    void aFiveMebibyteBodyArrivesIntactAndALargeAnswerComesBack() throws Exception {
        byte[] body = randomJsonArray(5 << 20);
        byte[] answer = randomJsonArray(2 << 20);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = http(ex -> {
            byte[] got = ex.getRequestBody().readAllBytes();
            received.add(sha256(got, got.length));
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        AwsJsonClient client = client("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty());
        // The body is sent from a larger array: only [0, length) may leave.
        byte[] padded = Arrays.copyOf(body, body.length + 1000);
        Arrays.fill(padded, body.length, padded.length, (byte) 'x');
        String answerHash = client.call(TARGET, padded, body.length, (a, n) -> sha256(a, n));
        assertEquals(sha256(answer, answer.length), answerHash);
        assertEquals(List.of(sha256(body, body.length)), received);
    }

    @Test
    void anErrorAnswerRaisesTheServiceCodeFromTheBodyOrTheHeader() throws Exception {
        HttpServer server = http(ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("x-amzn-RequestId", "req-42");
            if (ex.getRequestHeaders().getFirst("X-Amz-Target").endsWith("Missing")) {
                reply(ex, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Stream s not found\"}");
            } else {
                ex.getResponseHeaders().add("x-amzn-ErrorType", "ServiceUnavailableException:http://internal.amazon.com/");
                reply(ex, 503, "<html>busy</html>");
            }
        });
        AwsJsonClient client = client("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty());
        AwsServiceException missing = assertThrows(AwsServiceException.class,
                () -> client.call("Kinesis_20131202.Missing", BODY, BODY.length, AS_TEXT));
        assertEquals(400, missing.statusCode());
        assertEquals("ResourceNotFoundException", missing.awsErrorDetails().errorCode());
        assertEquals("Stream s not found", missing.awsErrorDetails().errorMessage());
        assertEquals("req-42", missing.requestId());
        AwsServiceException busy = assertThrows(AwsServiceException.class, () -> client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(503, busy.statusCode());
        assertEquals("ServiceUnavailableException", busy.awsErrorDetails().errorCode());
        assertEquals(AwsErrors.Kind.THROTTLED, AwsErrors.classify(busy).kind());
        // Error answers are read whole: the connection stays usable.
        assertEquals("{}", okAfter(client, server));
    }

    @Test
    void anAnswerTheParserCannotReadIsAClientErrorNamingTheOperation() throws Exception {
        HttpServer server = http(ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{\"FailedRecordCount\":");
        });
        AwsJsonClient client = client("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty());
        SdkClientException e = assertThrows(SdkClientException.class,
                () -> client.call(TARGET, BODY, BODY.length, (a, n) -> EntryResults.parse(a, n, "Records", 1)));
        assertTrue(e.getMessage().startsWith("unreadable PutRecords answer"), e.getMessage());
    }

    // ---- connections that end ---------------------------------------------------------------------------------

    @Test
    void connectionCloseIsHonouredAndTheNextCallOpensAFreshConnection() throws Exception {
        RawHttpServer server = raw((r, out, n) -> {
            RawHttpServer.answer(out, 200, "{\"n\":" + n + "}", "Connection: close");
            return false;
        });
        AwsJsonClient client = client(server.url(), Map.of(), true, Optional.empty());
        assertEquals("{\"n\":1}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals("{\"n\":2}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(2, server.connections.get());
    }

    @Test
    void anAnswerWithoutLengthEndsAtTheCloseAndIsNotReused() throws Exception {
        RawHttpServer server = raw((r, out, n) -> {
            out.write(("HTTP/1.1 200 OK\r\n\r\n{\"n\":" + n + "}").getBytes(StandardCharsets.ISO_8859_1));
            return false;
        });
        AwsJsonClient client = client(server.url(), Map.of(), true, Optional.empty());
        assertEquals("{\"n\":1}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals("{\"n\":2}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
    }

    @Test
    void interimAnswersAreSkipped() throws Exception {
        RawHttpServer server = raw((r, out, n) -> {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttpServer.answer(out, 200, "{}");
            return true;
        });
        AwsJsonClient client = client(server.url(), Map.of(), true, Optional.empty());
        assertEquals("{}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals("{}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(1, server.connections.get());
    }

    @Test
    void aPooledConnectionTheServerClosedIsNotUsedForTheNextCall() throws Exception {
        // The server answers as if keeping the connection, then closes it while it idles in the pool.
        RawHttpServer server = raw((r, out, n) -> {
            RawHttpServer.answer(out, 200, "{\"n\":" + n + "}");
            return false;
        });
        AwsHttpPool pool = pool(server.url(), Map.of(), true, Optional.empty(), Duration.ofSeconds(5), Duration.ZERO);
        AwsJsonClient client = client(pool, server.url());
        assertEquals("{\"n\":1}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(1, server.closed.poll(10, TimeUnit.SECONDS));
        assertEquals(1, pool.idleCount());
        assertEquals("{\"n\":2}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(2, server.connections.get());
    }

    @Test
    void aConnectionIdleLongerThanTheLimitIsClosedWithoutACallComing() throws Exception {
        RawHttpServer server = raw((r, out, n) -> {
            RawHttpServer.answer(out, 200, "{}");
            return true;
        });
        AwsHttpPool pool = pool(server.url(), Map.of(), true, Optional.empty(), Duration.ofSeconds(10),
                AwsHttpPool.STALE_CHECK_AFTER, Duration.ofMillis(200));
        AwsJsonClient client = client(pool, server.url());
        assertEquals("{}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(1, server.closed.poll(10, TimeUnit.SECONDS), "the client closed its idle connection");
        assertEquals(0, pool.idleCount());
        assertEquals("{}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(2, server.connections.get());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsANetworkFailure() throws Exception {
        java.util.concurrent.CountDownLatch testDone = new java.util.concurrent.CountDownLatch(1);
        RawHttpServer server = raw((r, out, n) -> {
            try {
                testDone.await(30, TimeUnit.SECONDS);   // holds the request unanswered until the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        closing.add(testDone::countDown);
        AwsHttpPool pool = pool(server.url(), Map.of(), true, Optional.empty(), Duration.ofMillis(300), AwsHttpPool.STALE_CHECK_AFTER);
        AwsJsonClient client = client(pool, server.url());
        long start = System.nanoTime();
        SdkClientException e = assertThrows(SdkClientException.class, () -> client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        assertEquals(AwsErrors.Kind.TRANSIENT, AwsErrors.classify(e).kind());
        assertTrue(AwsErrors.classify(e).network());
        assertEquals(0, pool.idleCount(), "a timed-out connection is not kept");
    }

    @Test
    void aRefusedConnectionIsANetworkFailureWithoutTheSecretInItsMessage() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AwsJsonClient client = client("http://127.0.0.1:" + port, Map.of(), true, Optional.empty());
        SdkClientException e = assertThrows(SdkClientException.class, () -> client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertInstanceOf(IOException.class, e.getCause());
        assertFalse(e.getMessage().contains("test-secret"));
    }

    @Test
    void concurrentCallersNeverOpenMoreConnectionsThanThePoolAllows() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = http(ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{}");
        });
        AwsHttpPool pool = pool("http://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true, Optional.empty(),
                Duration.ofSeconds(10), AwsHttpPool.STALE_CHECK_AFTER);
        AwsJsonClient client = client(pool, "http://127.0.0.1:" + server.getAddress().getPort());
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) calls.add(callers.submit(() -> client.call(TARGET, BODY, BODY.length, AS_TEXT)));
            for (var f : calls) assertEquals("{}", f.get(30, TimeUnit.SECONDS));
        }
        assertTrue(clientPorts.size() <= 8, clientPorts.size() + " connections");
    }

    // ---- TLS --------------------------------------------------------------------------------------------------

    @Test
    void httpsWithTheCaFileIsVerifiedAndReused() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpsServer server = https(tls, ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{\"tls\":true}");
        });
        AwsJsonClient client = client("https://127.0.0.1:" + server.getAddress().getPort(), Map.of(), true,
                Optional.of(tls.certificatePem()));
        for (int i = 0; i < 5; i++) assertEquals("{\"tls\":true}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(1, clientPorts.size());
    }

    @Test
    void aTlsConnectionCheckedForStalenessBeforeEachReuseStaysInUse() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpsServer server = https(tls, ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{}");
        });
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        AwsHttpPool pool = pool(url, Map.of(), true, Optional.of(tls.certificatePem()), Duration.ofSeconds(10), Duration.ZERO);
        AwsJsonClient client = client(pool, url);
        for (int i = 0; i < 5; i++) assertEquals("{}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals(1, clientPorts.size(), "a live TLS connection passes the 1 ms read check");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);   // names 127.0.0.1 only
        HttpsServer server = https(tls, ex -> reply(ex, 200, "{}"));
        AwsJsonClient client = client("https://localhost:" + server.getAddress().getPort(), Map.of(), true,
                Optional.of(tls.certificatePem()));
        SdkClientException e = assertThrows(SdkClientException.class, () -> client.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertInstanceOf(SSLException.class, e.getCause());
    }

    @Test
    void anUntrustedCertificateIsRefusedUnlessVerificationIsOff() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        HttpsServer server = https(tls, ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{}");
        });
        String url = "https://localhost:" + server.getAddress().getPort();   // wrong name, too: not checked when off
        SdkClientException e = assertThrows(SdkClientException.class,
                () -> client(url, Map.of(), true, Optional.empty()).call(TARGET, BODY, BODY.length, AS_TEXT));
        assertInstanceOf(SSLException.class, e.getCause());
        assertEquals("{}", client(url, Map.of(), false, Optional.empty()).call(TARGET, BODY, BODY.length, AS_TEXT));
    }

    // ---- proxies ----------------------------------------------------------------------------------------------

    @Test
    void httpsGoesThroughTheConnectProxyUnlessNoProxyNamesTheHost() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        HttpsServer server = https(tls, ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{}");
        });
        TunnelProxy proxy = new TunnelProxy();
        closing.add(proxy);
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://relay:p%40ss@127.0.0.1:" + proxy.port());
        AwsJsonClient proxied = client(url, env, true, Optional.of(tls.certificatePem()));
        assertEquals("{}", proxied.call(TARGET, BODY, BODY.length, AS_TEXT));
        assertEquals("{}", proxied.call(TARGET, BODY, BODY.length, AS_TEXT));
        RawHttpServer.Request connect = proxy.connects.poll(10, TimeUnit.SECONDS);
        assertEquals("CONNECT 127.0.0.1:" + server.getAddress().getPort() + " HTTP/1.1", connect.requestLine());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("relay:p@ss".getBytes(StandardCharsets.UTF_8)),
                connect.header("Proxy-Authorization"));
        assertNull(proxy.connects.poll(), "the tunnel is kept alive for the second call");

        Map<String, String> bypass = Map.of("https_proxy", "127.0.0.1:" + proxy.port(), "NO_PROXY", "example.com, 127.0.0.1");
        assertEquals("{}", client(url, bypass, true, Optional.of(tls.certificatePem())).call(TARGET, BODY, BODY.length, AS_TEXT));
        assertNull(proxy.connects.poll(), "NO_PROXY: straight to the endpoint");
    }

    @Test
    void httpGoesToTheProxyWithTheAbsoluteUrl() throws Exception {
        RawHttpServer proxy = raw((r, out, n) -> {
            RawHttpServer.answer(out, 200, "{\"via\":\"proxy\"}");
            return true;
        });
        Map<String, String> env = Map.of("HTTP_PROXY", "http://u:pw@127.0.0.1:" + proxy.port(), "HTTPS_PROXY", "http://127.0.0.1:1");
        AwsJsonClient client = client("http://kinesis.test:4567/", env, true, Optional.empty());
        assertEquals("{\"via\":\"proxy\"}", client.call(TARGET, BODY, BODY.length, AS_TEXT));
        RawHttpServer.Request r = proxy.requests.poll(10, TimeUnit.SECONDS);
        assertEquals("POST http://kinesis.test:4567/ HTTP/1.1", r.requestLine());
        assertEquals("kinesis.test:4567", r.header("Host"));
        assertEquals("Basic dTpwdw==", r.header("Proxy-Authorization"));
        assertArrayEquals(BODY, r.body());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String okAfter(AwsJsonClient client, HttpServer server) {
        server.removeContext("/");
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, "{}");
        });
        return client.call(TARGET, BODY, BODY.length, AS_TEXT);
    }

    private HttpServer http(HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", handler);
        s.start();
        closing.add(() -> s.stop(0));
        return s;
    }

    private HttpsServer https(SelfSignedTls tls, HttpHandler handler) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        s.createContext("/", handler);
        s.start();
        closing.add(() -> s.stop(0));
        return s;
    }

    private RawHttpServer raw(RawHttpServer.Script script) throws IOException {
        RawHttpServer s = new RawHttpServer(script);
        closing.add(s);
        return s;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private AwsJsonClient client(String url, Map<String, String> env, boolean verify, Optional<Path> caFile) throws Exception {
        return client(pool(url, env, verify, caFile, Duration.ofSeconds(10), AwsHttpPool.STALE_CHECK_AFTER), url);
    }

    private AwsJsonClient client(AwsHttpPool pool, String url) {
        return new AwsJsonClient(pool, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")),
                "us-east-1", "kinesis", AwsEndpoint.parse(url, null).uri(), "1.1");
    }

    private AwsHttpPool pool(String url, Map<String, String> env, boolean verify, Optional<Path> caFile, Duration readTimeout,
                             Duration staleCheckAfter) throws Exception {
        return pool(url, env, verify, caFile, readTimeout, staleCheckAfter, AwsHttpPool.MAX_IDLE);
    }

    private AwsHttpPool pool(String url, Map<String, String> env, boolean verify, Optional<Path> caFile, Duration readTimeout,
                             Duration staleCheckAfter, Duration maxIdle) throws Exception {
        AwsSettings s = settings(url, env, verify, caFile, readTimeout);
        URI endpoint = AwsEndpoint.parse(url, null).uri();
        javax.net.ssl.SSLSocketFactory tls = endpoint.getScheme().equals("https") ? AwsTls.socketFactory(s) : null;
        AwsHttpPool open = AwsHttpPool.open(s, endpoint, tls);
        AwsHttpPool pool = new AwsHttpPool(open.dialer(), 8, maxIdle, staleCheckAfter);
        open.close();
        closing.add(pool);
        return pool;
    }

    private static AwsSettings settings(String url, Map<String, String> env, boolean verify, Optional<Path> caFile,
                                        Duration readTimeout) {
        return new AwsSettings("us-east-1", Optional.of(AwsEndpoint.parse(url, null)), Optional.empty(), Optional.empty(),
                Optional.empty(), "test-session", Duration.ofHours(1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, readTimeout, verify, caFile, Optional.empty(), 4,
                new RetryPolicy(1, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), true), env);
    }

    private static byte[] randomJsonArray(int size) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(size);
        for (int i = 0; i < size; i++) b[i] = (byte) ('a' + r.nextInt(26));
        b[0] = '[';
        b[1] = '"';
        b[size - 2] = '"';
        b[size - 1] = ']';
        return b;
    }

    private static String sha256(byte[] b, int n) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
