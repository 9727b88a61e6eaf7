package io.tributary.input.syslog;

import io.tributary.input.support.RecordingInputContext;
import io.tributary.input.support.Rsyslog;
import io.tributary.input.support.TestCertificates;
import io.tributary.record.LogEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rsyslog forwarding with omfwd: octet-counted TCP, TLS (gtls and ossl drivers) and mutual TLS. */
class SyslogRsyslogIT {
    @TempDir static Path certDir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
    }

    static String forward(int port, String extra) {
        return "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"tcp\" TCP_Framing=\"octet-counted\""
                + " template=\"RSYSLOG_SyslogProtocol23Format\" action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" " + extra + ")";
    }

    static void assertForwarded(List<LogEvent> events, String tag, String... messages) {
        assertEquals(messages.length, events.size(), events.toString());
        for (int i = 0; i < messages.length; i++) {
            Map<String, Object> b = events.get(i).body();
            assertEquals(tag, b.get("ident"), b.toString());
            // rsyslog's %msg% keeps the space that followed the tag's colon; it arrives as sent.
            assertEquals(" " + messages[i], b.get("message"), b.toString());
            assertTrue(b.get("time") instanceof String t && t.contains("T"), "RFC 5424 time: " + b);
        }
    }

    @Test
    void omfwdOctetCounted(@TempDir Path dir) throws Exception {
        try (var server = new SyslogServerFixture(Map.of("mode", "tcp", "format", "octet_counting"));
             var rsyslog = Rsyslog.start(dir, "", forward(server.port(), ""))) {
            rsyslog.log("plain", "first", "second with \"quotes\" and [brackets]", "third");
            assertForwarded(server.awaitRecords(3), "plain", "first", "second with \"quotes\" and [brackets]", "third");
        }
    }

    @Test
    void omfwdOverTlsWithGnuTls(@TempDir Path dir) throws Exception {
        tls(dir, "gtls", false);
    }

    @Test
    void omfwdOverTlsWithOpenSsl(@TempDir Path dir) throws Exception {
        tls(dir, "ossl", false);
    }

    @Test
    void omfwdOverMutualTls(@TempDir Path dir) throws Exception {
        tls(dir, "gtls", true);
    }

    private void tls(Path dir, String driver, boolean mutual) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("mode", "tcp", "format", "octet_counting", "tls", "on",
                "tls.crt_file", certs.serverCert().toString(), "tls.key_file", certs.serverKey().toString()));
        if (mutual) settings.put("tls.ca_file", certs.caCert().toString());
        String globals = "global(DefaultNetstreamDriverCAFile=\"" + certs.caCert() + "\""
                + (mutual ? " DefaultNetstreamDriverCertFile=\"" + certs.clientCert() + "\" DefaultNetstreamDriverKeyFile=\"" + certs.clientKey() + "\"" : "")
                + ")";
        try (var server = new SyslogServerFixture(settings);
             var rsyslog = Rsyslog.start(dir, globals, forward(server.port(),
                     "StreamDriver=\"" + driver + "\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\" StreamDriverPermittedPeers=\"localhost\""))) {
            rsyslog.log("secure", "over tls one", "over tls two");
            assertForwarded(server.awaitRecords(2), "secure", "over tls one", "over tls two");
            assertEquals(0, server.context.errors());
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutCertificateAndKeepsServingOthers(@TempDir Path dir) throws Exception {
        Map<String, String> settings = Map.of("mode", "tcp", "format", "octet_counting", "tls", "on",
                "tls.crt_file", certs.serverCert().toString(), "tls.key_file", certs.serverKey().toString(),
                "tls.ca_file", certs.caCert().toString());
        try (var server = new SyslogServerFixture(settings)) {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trusting(certs.caCert()).getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                byte[] msg = "<13>1 - h a - - - sneaky".getBytes(StandardCharsets.UTF_8);
                out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(msg);
                out.flush();
                InputStream in = s.getInputStream();
                in.read();   // the server's alert (or the close) arrives here
            } catch (java.io.IOException expected) {
                // refused: what we want
            }
            RecordingInputContext.await(10_000, "the handshake failure to be counted", () -> server.context.errors() >= 1);
            try (var rsyslog = Rsyslog.start(dir, "global(DefaultNetstreamDriverCAFile=\"" + certs.caCert() + "\" DefaultNetstreamDriverCertFile=\""
                    + certs.clientCert() + "\" DefaultNetstreamDriverKeyFile=\"" + certs.clientKey() + "\")",
                    forward(server.port(), "StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\" StreamDriverPermittedPeers=\"localhost\""))) {
                rsyslog.log("trusted", "with certificate");
                assertForwarded(server.awaitRecords(1), "trusted", "with certificate");
            }
            assertEquals(1, server.context.count(), "nothing from the client without a certificate");
        }
    }

    static TrustManagerFactory trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }
}
