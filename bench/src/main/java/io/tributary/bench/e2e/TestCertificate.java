package io.tributary.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 made with {@code openssl} at run time (nothing is
 * committed): Fluent Bit's AWS outputs speak only HTTPS to a custom endpoint, so the harness's endpoints serve
 * TLS and both engines trust {@link #caFile()}.
 */
record TestCertificate(Path caFile, Path certFile, Path keyFile) {
    static TestCertificate create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        Path key = dir.resolve("endpoint.key");
        Path csr = dir.resolve("endpoint.csr");
        Path cert = dir.resolve("endpoint.pem");
        Path ext = dir.resolve("endpoint.ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/CN=Tributary bench throwaway CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=127.0.0.1");
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        return new TestCertificate(ca, cert, key);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl " + args[0] + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) throw new IOException("openssl " + String.join(" ", args) + " failed: " + Files.readString(log));
    }
}
