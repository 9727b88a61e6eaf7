package io.tributary.output.kinesis;

import io.tributary.output.aws.Chunks;
import io.tributary.output.aws.KeyRing;
import io.tributary.output.aws.TestConfig;
import io.tributary.output.aws.TestOutputContext;
import io.tributary.record.EventTime;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint shape Fluent Bit users have ({@code endpoint 127.0.0.1}, {@code port}, {@code tls.ca_file}): HTTPS
 * to the strict server with a throwaway CA-less self-signed certificate made at test time with keytool.
 */
class KinesisTlsIT {
    static final String KEY_ID = "AKIATLSTEST000000001";
    static final String SECRET = "tls-secret";
    @TempDir static Path dir;
    static SSLContext tls;
    static Path caFile;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        caFile = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", caFile.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }

    private FlushResult flushThrough(StrictKinesisServer server, String... tlsOptions) throws Exception {
        Map<String, String> m = TestConfig.map("stream", "secure", "region", "us-east-1", "endpoint", "127.0.0.1",
                "port", Integer.toString(server.port()), "aws_access_key_id", KEY_ID, "aws_secret_access_key", SECRET,
                "retry_attempts", "1");
        m.putAll(TestConfig.map(tlsOptions));
        KinesisFactory f = new KinesisFactory();
        OutputPlugin out = f.create(TestConfig.of("kinesis_streams", f.spec(), m), TestConfig.env(Map.of("AWS_EC2_METADATA_DISABLED", "true")));
        out.start(new TestOutputContext("kinesis_streams.0"));
        try {
            return out.flush(Chunks.of("secure.log", 25, EventTime.now(), i -> Map.of("id", (long) i)));
        } finally {
            out.stop();
        }
    }

    @Test
    void hostNameEndpointMeansHttpsCheckedAgainstTheCaFile() throws Exception {
        KeyRing keys = new KeyRing(Clock.systemUTC());
        keys.add(KEY_ID, SECRET);
        try (StrictKinesisServer server = new StrictKinesisServer(keys, "us-east-1", Set.of("secure"), 5L << 20, true, tls)) {
            FlushResult untrusted = flushThrough(server);
            assertEquals(FlushResult.Status.RETRY, untrusted.status(), "the self-signed certificate is not trusted by default");
            assertEquals(25, untrusted.remainder().recordCount());
            assertTrue(server.received.isEmpty());

            assertEquals(FlushResult.Status.OK, flushThrough(server, "tls.ca_file", caFile.toString()).status());
            assertEquals(25, server.received.size());

            assertEquals(FlushResult.Status.OK, flushThrough(server, "tls.verify", "off").status());
            assertEquals(50, server.received.size());
        }
    }
}
