package io.tributary.output.kinesis;

import com.sun.management.OperatingSystemMXBean;
import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.EntryResult;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The measurement behind the HTTP client choice: the same signed 500-record PutRecords call made through the SDK's
 * sync Apache 5 client on virtual threads and through its async Netty client, 8 calls in flight, against the
 * strict server in its own JVM. Prints calls/s and this JVM's CPU per call. Run by name.
 */
class HttpClientComparisonBench {
    static final int CALLS = Integer.getInteger("bench.calls", 3000);
    static final int IN_FLIGHT = 8;

    @Test
    void syncOnVirtualThreadsVersusAsyncNetty() throws Exception {
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), StrictKinesisServer.class.getName(), "AKIABENCH00000000001", "bench-secret")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        URI endpoint = URI.create(out.readLine().substring("ENDPOINT ".length()));
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCH00000000001", "bench-secret"));
        byte[] body = body();
        try (SdkHttpClient apache = Apache5HttpClient.builder().maxConnections(16).build();
             SdkAsyncHttpClient netty = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(16).build()) {
            AwsJsonClient sync = new AwsJsonClient(apache, creds, "us-east-1", "kinesis", endpoint, "1.1");
            for (int round = 0; round < 2; round++) {
                measure("apache5 sync on virtual threads", () -> runSync(sync, body));
                measure("netty async", () -> runAsync(netty, creds, endpoint, body));
            }
        } finally {
            server.getOutputStream().close();
            String line;
            while ((line = out.readLine()) != null) System.out.println("BENCH server: " + line);
            server.waitFor();
        }
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

    private static void runSync(AwsJsonClient client, byte[] body) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLS; i++) {
                slots.acquire();
                done.add(pool.submit(() -> {
                    try {
                        check(client.call(PutRecordsApi.TARGET, body, body.length));
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }

    private static void runAsync(SdkAsyncHttpClient http, StaticCredentialsProvider creds, URI endpoint, byte[] body) throws Exception {
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<byte[]>> done = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            slots.acquire();
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint).encodedPath("/")
                    .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", PutRecordsApi.TARGET)
                    .putHeader("Content-Length", Integer.toString(body.length)).build();
            ContentStreamProvider payload = () -> new ByteArrayInputStream(body);
            SignedRequest signed = signer.sign(r -> r.identity(creds.resolveCredentials()).request(request).payload(payload)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "kinesis").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            CompletableFuture<byte[]> answer = new CompletableFuture<>();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            http.execute(AsyncExecuteRequest.builder().request(signed.request()).requestContentPublisher(new OneBuffer(body))
                    .responseHandler(new SdkAsyncHttpResponseHandler() {
                        @Override public void onHeaders(SdkHttpResponse headers) {}
                        @Override public void onStream(org.reactivestreams.Publisher<ByteBuffer> stream) {
                            stream.subscribe(new Subscriber<>() {
                                @Override public void onSubscribe(Subscription s) { s.request(Long.MAX_VALUE); }
                                @Override public void onNext(ByteBuffer b) {
                                    byte[] a = new byte[b.remaining()];
                                    b.get(a);
                                    received.writeBytes(a);
                                }
                                @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
                                @Override public void onComplete() { answer.complete(received.toByteArray()); }
                            });
                        }
                        @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
                    }).build());
            done.add(answer.whenComplete((b, t) -> slots.release()));
        }
        for (CompletableFuture<byte[]> f : done) check(f.get());
    }

    private static void check(byte[] answer) throws Exception {
        List<EntryResult> r = PutRecordsApi.results(answer, 500);
        if (r.size() != 500 || r.stream().anyMatch(e -> e != EntryResult.DELIVERED)) throw new AssertionError(new String(answer, StandardCharsets.UTF_8));
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

    /** The request body as one buffer, as a reactive publisher. */
    private record OneBuffer(byte[] body) implements SdkHttpContentPublisher {
        @Override public Optional<Long> contentLength() { return Optional.of((long) body.length); }
        @Override public void subscribe(Subscriber<? super ByteBuffer> s) {
            s.onSubscribe(new Subscription() {
                boolean sent;
                @Override public void request(long n) {
                    if (sent || n <= 0) return;
                    sent = true;
                    s.onNext(ByteBuffer.wrap(body));
                    s.onComplete();
                }
                @Override public void cancel() { sent = true; }
            });
        }
    }
}
