package io.tributary.output.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kinesis/firehose/sqs output without STS loads none of the SDK's Apache HTTP client: checked in a fresh JVM
 * that logs every class it loads while it opens transports (http and https) and makes a call.
 */
class ApacheClientLoadingTest {

    @Test
    void aTransportWithoutStsLoadsNoApacheClass() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.length() > 4000 ? out.substring(out.length() - 4000) : out);
        assertTrue(out.contains("ANSWER {\"ok\":true}"), "the call went through");
        assertTrue(out.contains("io.tributary.output.aws.AwsHttpPool"), "class loading is logged");
        List<String> apache = out.lines().filter(l -> l.contains("org.apache.hc.") || l.contains("awssdk.http.apache5")).toList();
        assertEquals(List.of(), apache);
    }

    /** Opens an http and an https transport and makes one call over the first. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                byte[] b = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            });
            server.start();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            try (AwsTransport http = AwsTransport.open(settings("http://127.0.0.1:" + server.getAddress().getPort()), Clock.systemUTC());
                 AwsTransport https = AwsTransport.open(settings("https://127.0.0.1:1"), Clock.systemUTC())) {
                https.jsonClient("kinesis", "kinesis", "1.1");
                String answer = http.jsonClient("kinesis", "kinesis", "1.1").call("Kinesis_20131202.PutRecords", body, body.length,
                        (a, n) -> new String(a, 0, n, StandardCharsets.UTF_8));
                System.out.println("ANSWER " + answer);
            } finally {
                server.stop(0);
            }
        }

        private static AwsSettings settings(String url) {
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDLOAD", "AWS_SECRET_ACCESS_KEY", "load-secret",
                    "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent");
            return new AwsSettings("us-east-1", Optional.of(AwsEndpoint.parse(url, null)), Optional.empty(), Optional.empty(),
                    Optional.empty(), "load-test", Duration.ofHours(1), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), true, Duration.ofSeconds(10), true, Optional.empty(), Optional.empty(), 4,
                    new RetryPolicy(1, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)), true), env);
        }
    }
}
