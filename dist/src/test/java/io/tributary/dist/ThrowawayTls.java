package io.tributary.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its private key as PEM files, made at test time with the JDK's keytool (nothing
 * to install, nothing committed), for configs that read TLS files such as conf/syslog-to-firehose.conf.
 */
record ThrowawayTls(Path certificate, Path key) {
    private static final String PASSWORD = "throwaway";

    static ThrowawayTls create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Key key = ks.getKey("tls", PASSWORD.toCharArray());
        Path crt = dir.resolve("tls.crt");
        Path pem = dir.resolve("tls.key");
        Files.writeString(crt, pem("CERTIFICATE", ks.getCertificate("tls").getEncoded()));
        Files.writeString(pem, pem("PRIVATE KEY", key.getEncoded()));   // PKCS#8
        return new ThrowawayTls(crt, pem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The environment variables the shipped examples read their TLS files from. */
    Map<String, String> env() {
        return Map.of("SYSLOG_TLS_CRT_FILE", certificate.toString(), "SYSLOG_TLS_KEY_FILE", key.toString());
    }
}
