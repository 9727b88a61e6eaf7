package io.tributary.output.firehose;

import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.SelfSignedTls;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firehose output pointed at an HTTPS endpoint by host name and port, trusting it through tls.ca_file. */
class FirehoseTlsIT {
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDTLS", "AWS_SECRET_ACCESS_KEY", "tls-secret",
            "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent", "HOSTNAME", "relay-1");

    @TempDir Path dir;
    private SelfSignedTls tls;
    private StrictFirehoseServer server;
    private FirehoseOutput output;

    @BeforeEach
    void start() throws Exception {
        tls = SelfSignedTls.create(dir);
        server = new StrictFirehoseServer("us-east-1", tls.serverContext(), "logs");
    }

    @AfterEach
    void stop() {
        if (output != null) output.stop();
        server.close();
    }

    private FlushResult send(String... extra) throws Exception {
        String[] kv = new String[6 + extra.length];
        System.arraycopy(new String[] {"region", "us-east-1", "delivery_stream", "logs", "endpoint", "127.0.0.1"}, 0, kv, 0, 6);
        System.arraycopy(extra, 0, kv, 6, extra.length);
        java.util.Map<String, String> options = TestConfig.map(kv);
        options.put("port", Integer.toString(server.port()));
        FirehoseConfig.Settings s = FirehoseConfig.Settings.from(TestConfig.of("firehose", FirehoseConfig.SPEC, options), ENV);
        output = new FirehoseOutput(s, Clock.systemUTC(), d -> {}, new SplittableRandom(1));
        output.start(new TestOutputContext("firehose.0"));
        return output.flush(Chunks.of("tls", 40, new EventTime(1_760_000_000L, 0), i -> Map.of("n", (long) i)));
    }

    @Test
    void aHostNameEndpointIsReachedOverHttpsTrustingTheCaFile() throws Exception {
        FlushResult r = send("tls.ca_file", tls.certificatePem().toString(), "retry_attempts", "1");
        assertEquals(FlushResult.Status.OK, r.status(), r.message());
        assertEquals(40, server.accepted.size());
        assertEquals(java.util.List.of(), server.violations);
    }

    @Test
    void anUntrustedCertificateHandsTheRecordsBackInsteadOfDroppingThem() throws Exception {
        FlushResult r = send("retry_attempts", "1");
        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(40, r.remainder().recordCount());
        assertTrue(r.drops().isEmpty());
        assertEquals(0, server.accepted.size());
    }
}
