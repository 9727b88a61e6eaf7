package io.tributary.input.forward;

import io.tributary.testing.Await;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fluency (fluency-fluentd), the Java client that sends PackedForward with acks, in plain TCP and TLS. */
class FluencyIT {
    private static final long BASE_SECONDS = 1_700_000_000L;

    @TempDir static Path certDir;
    private static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception { certs = TestCertificates.create(certDir); }

    @Test
    void packedForwardWithAckDeliversEveryRecordOnceInOrderToTheNanosecond() throws Exception {
        int n = 100_000;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext())) {
            FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
            b.setAckResponseMode(true);
            try (Fluency fluency = b.build("127.0.0.1", fw.port())) {
                for (int i = 0; i < n; i++) fluency.emit("fluency.test", time(i), body(i));
                fluency.flush();
                Await.until(Duration.ofSeconds(60), n + " records from Fluency", () -> fw.context.count() >= n);
                assertTrue(fluency.waitUntilAllBufferFlushed(30), "Fluency saw every chunk acked");
            }
            assertExactlyOnceInOrder(fw.context.events(), n);
            assertEquals(0, fw.context.errors.get());
        }
    }

    @Test
    void tlsWithAck() throws Exception {
        int n = 2_000;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "tls", "on",
                "tls.crt_file", certs.serverCert.toString(), "tls.key_file", certs.serverKey.toString())) {
            try (Fluency fluency = tlsFluency(fw.port(), false)) {
                for (int i = 0; i < n; i++) fluency.emit("fluency.tls", time(i), body(i));
                fluency.flush();
                Await.until(Duration.ofSeconds(60), n + " records over TLS", () -> fw.context.count() >= n);
                assertTrue(fluency.waitUntilAllBufferFlushed(30));
            }
            assertExactlyOnceInOrder(fw.context.events(), n);
        }
    }

    @Test
    void mutualTlsAcceptsAClientCertificateSignedByTheCaAndRefusesAClientWithout() throws Exception {
        int n = 500;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext(), "tls", "on", "tls.verify", "on",
                "tls.ca_file", certs.caCert.toString(),
                "tls.crt_file", certs.serverCert.toString(), "tls.key_file", certs.serverKey.toString())) {
            try (Fluency fluency = tlsFluency(fw.port(), true)) {
                for (int i = 0; i < n; i++) fluency.emit("fluency.mtls", time(i), body(i));
                fluency.flush();
                Await.until(Duration.ofSeconds(60), n + " records over mutual TLS", () -> fw.context.count() >= n);
            }
            assertExactlyOnceInOrder(fw.context.events(), n);

            try (SSLSocket s = (SSLSocket) certs.clientContext(false).getSocketFactory().createSocket("127.0.0.1", fw.port())) {
                s.setSoTimeout(10_000);
                // TLS 1.3 reports the missing certificate on the first read after the handshake.
                assertThrows(IOException.class, () -> {
                    s.startHandshake();
                    s.getOutputStream().write(Frames.message("x", 1L, Frames.record("a", 1L), Frames.record("chunk", "c")));
                    s.getOutputStream().flush();
                    if (s.getInputStream().read() < 0) throw new SSLException("closed");
                });
            }
            Await.until(Duration.ofSeconds(20), "the refused client logged", () -> fw.context.logged("TLS: "));
            assertEquals(n, fw.context.count());
        }
    }

    private static Fluency tlsFluency(int port, boolean clientCert) throws Exception {
        FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
        b.setAckResponseMode(true);
        b.setSslEnabled(true);
        b.setSslSocketFactory(certs.clientContext(clientCert).getSocketFactory());
        return b.build("127.0.0.1", port);
    }

    private static org.komamitsu.fluency.EventTime time(int i) {
        return org.komamitsu.fluency.EventTime.fromEpoch(BASE_SECONDS + i / 1000, (i * 7919L) % 1_000_000_000L);
    }

    private static Map<String, Object> body(int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", i);
        m.put("message", "record number " + i + " from fluency");
        return m;
    }

    private static void assertExactlyOnceInOrder(List<RecordingInputContext.Received> got, int n) {
        assertEquals(n, got.size(), "exactly " + n + " records, no duplicates");
        for (int i = 0; i < n; i++) {
            var e = got.get(i).event();
            assertEquals((long) i, e.body().get("seq"), "record " + i + " in order");
            assertEquals(new EventTime(BASE_SECONDS + i / 1000, (int) ((i * 7919L) % 1_000_000_000L)), e.time(), "time of " + i);
            assertEquals("record number " + i + " from fluency", e.body().get("message"));
        }
    }
}
