package io.tributary.output.kinesis;

import io.tributary.log.LogLevel;
import io.tributary.log.Logs;
import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.KeyRing;
import io.tributary.output.aws.StrictStsServer;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials from STS against strict STS and Kinesis servers: AssumeRole with external ID and session name on
 * top of static keys, and web identity (EKS IRSA) from the environment; credentials that expire after a few
 * seconds are refreshed while flushes go on, none failing. No key, secret, token or external ID reaches a log.
 */
class StsCredentialsIT {
    static final String ROLE = "arn:aws:iam::123456789012:role/log-shipper";
    static final String BASE_KEY = "AKIABASEKEY000000001";
    static final String BASE_SECRET = "base-secret-wJalrXUtnFEMI-K7MDENG-bPxRfiCY";
    static final String EXTERNAL_ID = "external-id-5f2c9a";

    private final KeyRing keys = new KeyRing(Clock.systemUTC());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TestOutputContext context = new TestOutputContext("kinesis.1");
    private final ByteArrayOutputStream processLog = new ByteArrayOutputStream();

    @BeforeEach
    void captureTheProcessLog() {
        Logs.setSink(new PrintStream(processLog, true, StandardCharsets.UTF_8));
        Logs.installJulBridge();
        Logs.setLevel(LogLevel.TRACE);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        Logs.setLevel(LogLevel.INFO);
        Logs.setSink(System.err);
    }

    private StrictKinesisServer kinesis() throws Exception {
        StrictKinesisServer s = new StrictKinesisServer(keys, "us-west-2", Set.of("audit"), 5L << 20, true);
        open.add(s);
        return s;
    }

    private OutputPlugin start(Map<String, String> options, Map<String, String> env) throws Exception {
        KinesisFactory f = new KinesisFactory();
        OutputPlugin out = f.create(TestConfig.of("kinesis", f.spec(), options), TestConfig.env(env));
        out.start(context);
        open.add(out::stop);
        return out;
    }

    /** Flushes a chunk every 100 ms for {@code d}; every flush must succeed. */
    private int flushFor(OutputPlugin out, Duration d) throws Exception {
        long end = System.nanoTime() + d.toNanos();
        int flushes = 0;
        while (System.nanoTime() < end) {
            int base = flushes * 20;
            FlushResult r = out.flush(Chunks.of("audit.log", 20, EventTime.now(),
                    i -> Map.of("id", (long) (base + i), "msg", "user login")));
            assertEquals(FlushResult.Status.OK, r.status(), "flush " + flushes + ": " + r.message());
            flushes++;
            Thread.sleep(100);
        }
        return flushes;
    }

    private void assertNoSecretInLogs(StrictStsServer sts) {
        String all = processLog.toString(StandardCharsets.UTF_8) + String.join("\n", context.lines);
        List<String> secrets = new ArrayList<>(List.of(BASE_SECRET, EXTERNAL_ID));
        for (KeyRing.Key k : sts.issued) {
            secrets.add(k.secret());
            secrets.add(k.sessionToken());
        }
        for (String s : secrets) {
            int at = all.indexOf(s);
            if (at >= 0) {
                // Name the line, with the secret itself masked.
                int from = all.lastIndexOf('\n', at) + 1;
                int to = all.indexOf('\n', at);
                String line = all.substring(from, to < 0 ? all.length() : to).replace(s, "<SECRET>");
                throw new AssertionError("a secret reached the log: " + line.substring(0, Math.min(400, line.length())));
            }
        }
        assertTrue(processLog.toString(StandardCharsets.UTF_8).contains("[lib:"), "the SDK's own trace lines were captured too");
    }

    @Test
    void assumedRoleCredentialsAreRefreshedBeforeTheyExpireWithoutAFailedFlush() throws Exception {
        keys.add(BASE_KEY, BASE_SECRET);
        StrictStsServer sts = new StrictStsServer(keys, Clock.systemUTC(), "us-west-2", ROLE, EXTERNAL_ID, null, Duration.ofSeconds(3));
        open.add(sts);
        StrictKinesisServer kinesis = kinesis();
        OutputPlugin out = start(TestConfig.map("stream", "audit", "region", "us-west-2", "endpoint", kinesis.endpoint(),
                "sts_endpoint", sts.endpoint(), "role_arn", ROLE, "external_id", EXTERNAL_ID, "role_session_name", "shipper-1",
                "role_duration", "900", "aws_access_key_id", BASE_KEY, "aws_secret_access_key", BASE_SECRET),
                Map.of("AWS_EC2_METADATA_DISABLED", "true"));

        int flushes = flushFor(out, Duration.ofSeconds(8));

        assertTrue(sts.calls.size() >= 3, "credentials of 3 s were renewed over 8 s: " + sts.calls.size() + " AssumeRole calls");
        for (Map<String, String> call : sts.calls) {
            assertEquals("AssumeRole", call.get("Action"));
            assertEquals(EXTERNAL_ID, call.get("ExternalId"));
            assertEquals("shipper-1", call.get("RoleSessionName"));
            assertEquals("900", call.get("DurationSeconds"));
        }
        assertTrue(kinesis.refusals.isEmpty(), "a call was refused: " + kinesis.refusals.peek());
        assertEquals(flushes * 20, kinesis.received.size());
        Set<String> signers = new HashSet<>();
        for (KeyRing.Key k : sts.issued) signers.add(k.accessKeyId());
        assertTrue(signers.size() >= 3);
        assertNoSecretInLogs(sts);
    }

    @Test
    void profileFromTheSharedCredentialsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = default-secret\n\n"
                + "[shipper]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profile-secret-value\n");
        keys.add("AKIAPROFILE000000001", "profile-secret-value");
        StrictKinesisServer kinesis = kinesis();
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", file.toString(), "AWS_CONFIG_FILE",
                dir.resolve("none").toString(), "AWS_EC2_METADATA_DISABLED", "true");
        OutputPlugin out = start(TestConfig.map("stream", "audit", "region", "us-west-2", "endpoint", kinesis.endpoint(),
                "profile", "shipper"), env);
        assertEquals(FlushResult.Status.OK, out.flush(Chunks.of("a", 10, EventTime.now(), i -> Map.of("id", (long) i))).status());
        assertEquals(10, kinesis.received.size());

        KinesisFactory f = new KinesisFactory();
        io.tributary.spi.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(io.tributary.spi.ConfigException.class,
                () -> f.create(TestConfig.of("kinesis", f.spec(), TestConfig.map("stream", "audit", "region", "us-west-2",
                        "profile", "prod")), TestConfig.env(env)));
        assertTrue(e.getMessage().contains("profile: profile 'prod' is not in the shared credentials or config file"), e.getMessage());
        assertFalse(processLog.toString(StandardCharsets.UTF_8).contains("profile-secret-value"));
    }

    @Test
    void webIdentityFromTheEnvironmentAsOnEks(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.web-identity-token.sig\n");
        StrictStsServer sts = new StrictStsServer(keys, Clock.systemUTC(), "eu-central-1", ROLE, null, token, Duration.ofSeconds(3));
        open.add(sts);
        StrictKinesisServer kinesis = new StrictKinesisServer(keys, "eu-central-1", Set.of("audit"), 5L << 20, true);
        open.add(kinesis);
        OutputPlugin out = start(TestConfig.map("stream", "audit", "endpoint", kinesis.endpoint(), "sts_endpoint", sts.endpoint()),
                Map.of("AWS_REGION", "eu-central-1", "AWS_ROLE_ARN", ROLE, "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
                        "AWS_ROLE_SESSION_NAME", "pod-abc", "AWS_EC2_METADATA_DISABLED", "true",
                        "HOME", dir.toString()));

        int flushes = flushFor(out, Duration.ofSeconds(5));

        assertTrue(sts.calls.size() >= 2, sts.calls.size() + " AssumeRoleWithWebIdentity calls");
        assertEquals("AssumeRoleWithWebIdentity", sts.calls.get(0).get("Action"));
        assertEquals("pod-abc", sts.calls.get(0).get("RoleSessionName"));
        assertEquals(flushes * 20, kinesis.received.size());
        assertTrue(kinesis.refusals.isEmpty(), String.valueOf(kinesis.refusals.peek()));
        assertNoSecretInLogs(sts);
        assertFalse(processLog.toString(StandardCharsets.UTF_8).contains("web-identity-token"));
    }
}
