package io.tributary.input.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throwaway CA, a server certificate for localhost/127.0.0.1 and a client certificate, made with openssl at
 * test time (nothing private is committed).
 */
public record TestCertificates(Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                               Path otherCaCert) {

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        String openssl = ExternalTools.require("openssl");
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"),
                dir.resolve("server-key.pem"), dir.resolve("client.pem"), dir.resolve("client-key.pem"), dir.resolve("other-ca.pem"));
        ca(openssl, dir, "ca", "Tributary Test CA");
        ca(openssl, dir, "other-ca", "Some Other CA");
        leaf(openssl, dir, "server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth");
        leaf(openssl, dir, "client", "syslog-client", "subjectAltName=DNS:syslog-client\nextendedKeyUsage=clientAuth");
        return c;
    }

    private static void ca(String openssl, Path dir, String name, String cn) throws IOException, InterruptedException {
        ExternalTools.run(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", dir.resolve(name + "-key.pem").toString(), "-out", dir.resolve(name + ".pem").toString(),
                "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void leaf(String openssl, Path dir, String name, String cn, String extensions) throws IOException, InterruptedException {
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extensions + "\n");
        ExternalTools.run(openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + "-key.pem").toString(),
                "-out", dir.resolve(name + ".csr").toString(), "-subj", "/CN=" + cn);
        ExternalTools.run(openssl, "x509", "-req", "-in", dir.resolve(name + ".csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
                "-CAkey", dir.resolve("ca-key.pem").toString(), "-CAcreateserial", "-days", "2",
                "-out", dir.resolve(name + ".pem").toString(), "-extfile", ext.toString());
    }
}
