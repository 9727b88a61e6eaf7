package io.tributary.output.kinesis;

import com.sun.management.OperatingSystemMXBean;
import io.tributary.output.aws.AwsEndpoint;
import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsSettings;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.Backoff;
import io.tributary.output.aws.EntryResult;
import io.tributary.output.aws.RetryPolicy;
import io.tributary.output.aws.SigV4Signer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The measurement behind the HTTP client choice: the same signed 500-record PutRecords call made through the
 * outputs' own keep-alive client ({@link AwsJsonClient}) and through the SDK's sync Apache 5 client (the one used
 * before, still used for STS), both on virtual threads, 8 calls in flight, against the strict server in its own
 * JVM. Prints calls/s and this JVM's CPU per call. Run by name. (It compared Apache with the SDK's async Netty
 * client before; Apache won then, and the lean client replaced it.)
 */
class HttpClientComparisonBench {
    static final int CALLS = Integer.getInteger("bench.calls", 3000);
    static final int IN_FLIGHT = 8;

    @Test
    void leanClientVersusApacheOnVirtualThreads() throws Exception {
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), StrictKinesisServer.class.getName(), "AKIABENCH00000000001", "bench-secret")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        URI endpoint = URI.create(out.readLine().substring("ENDPOINT ".length()));
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCH00000000001", "bench-secret"));
        byte[] body = body();
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIABENCH00000000001", "AWS_SECRET_ACCESS_KEY", "bench-secret",
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent");
        AwsSettings settings = new AwsSettings("us-east-1", Optional.of(AwsEndpoint.parse(endpoint.toString(), null)),
                Optional.empty(), Optional.empty(), Optional.empty(), "bench", Duration.ofHours(1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), true, Duration.ofSeconds(10), true, Optional.empty(),
                Optional.empty(), 12, new RetryPolicy(1, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), true), env);
        try (AwsTransport transport = AwsTransport.open(settings, Clock.systemUTC());
             SdkHttpClient apache = Apache5HttpClient.builder().maxConnections(16).expectContinueEnabled(false).build()) {
            AwsJsonClient lean = transport.jsonClient("kinesis", "kinesis", "1.1");
            SigV4Signer signer = new SigV4Signer("us-east-1", "kinesis");
            for (int round = 0; round < 2; round++) {
                measure("lean client on virtual threads", () -> run(() -> lean.call(PutRecordsApi.TARGET, body, body.length,
                        (a, n) -> { check(a, n); return null; })));
                measure("apache5 sync on virtual threads", () -> run(() -> viaApache(apache, signer, creds, endpoint, body)));
            }
        } finally {
            server.getOutputStream().close();
            String line;
            while ((line = out.readLine()) != null) System.out.println("BENCH server: " + line);
            server.waitFor();
        }
    }

    /** The call as AwsJsonClient made it through the SDK's HTTP client before. */
    private static Object viaApache(SdkHttpClient http, SigV4Signer signer, StaticCredentialsProvider creds, URI endpoint,
                                    byte[] body) throws Exception {
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        String type = "application/x-amz-json-1.1";
        SigV4Signer.Signature sig = signer.sign(creds.resolveCredentials(), java.time.Instant.now(), host, "/", type,
                PutRecordsApi.TARGET, body, body.length);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint).encodedPath("/")
                .putHeader("Host", host).putHeader("Content-Type", type).putHeader("X-Amz-Target", PutRecordsApi.TARGET)
                .putHeader("X-Amz-Date", sig.amzDate()).putHeader("X-Amz-Content-Sha256", sig.contentSha256())
                .putHeader("Authorization", sig.authorization()).putHeader("Content-Length", Integer.toString(body.length));
        ContentStreamProvider payload = () -> new ByteArrayInputStream(body);
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request.build())
                .contentStreamProvider(payload).build()).call();
        try (InputStream in = response.responseBody().map(s -> (InputStream) s).orElse(InputStream.nullInputStream())) {
            byte[] answer = in.readAllBytes();
            check(answer, answer.length);
        }
        return null;
    }

    interface Run { void run() throws Exception; }

    private static void measure(String name, Run run) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        run.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
        System.out.printf("BENCH %-34s %6.0f calls/s, %.3f CPU-ms per 500-record call%n", name, CALLS / secs, cpuMs / CALLS);
    }

    private static void run(java.util.concurrent.Callable<?> call) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLS; i++) {
                slots.acquire();
                done.add(pool.submit(() -> {
                    try {
                        return call.call();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }

    private static void check(byte[] answer, int length) throws java.io.IOException {
        List<EntryResult> r = PutRecordsApi.results(answer, length, 500);
        if (r.size() != 500 || r.stream().anyMatch(e -> e != EntryResult.DELIVERED)) {
            throw new AssertionError(new String(answer, 0, length, StandardCharsets.UTF_8));
        }
    }

    /** A PutRecords body of 500 records of ~300 bytes. */
    private static byte[] body() throws Exception {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] data = ("{\"log\":\"2026-11-23T13:22:55.123Z INFO order " + i + " accepted " + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
            entries.add(new KinesisEntry(data, "pk" + i, ("pk" + i).length(), i, i));
        }
        return PutRecordsApi.body("bench", entries).toByteArray();
    }
}
