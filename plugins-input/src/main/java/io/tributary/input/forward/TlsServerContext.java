package io.tributary.input.forward;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's TLS context from Fluent Bit's options, on the JDK provider. Fluent Bit's {@code tls.verify} on a
 * server checks a certificate the client offers; here, once the user names the CAs that sign client certificates
 * ({@code tls.ca_file} or {@code tls.ca_path}), every client must present one (mutual TLS), and without them an
 * offered certificate is checked against the JVM's CAs.
 */
final class TlsServerContext {
    private TlsServerContext() {}

    static SslContext build(ForwardConfig.TlsSettings tls) throws IOException {
        SslContextBuilder b;
        try {
            b = SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile(),
                    tls.keyPassword().map(s -> s.reveal()).orElse(null));
        } catch (IllegalArgumentException e) {
            // Netty names the file; the password (if any) is not part of its message.
            throw new IOException("forward: cannot use tls.crt_file " + tls.certFile() + " / tls.key_file "
                    + tls.keyFile() + ": " + rootMessage(e), e);
        }
        b.sslProvider(SslProvider.JDK);
        List<String> protocols = new ArrayList<>();
        for (String p : List.of("TLSv1.2", "TLSv1.3")) {
            if (p.compareTo(tls.minVersion()) >= 0 && p.compareTo(tls.maxVersion()) <= 0) protocols.add(p);
        }
        b.protocols(protocols);
        List<X509Certificate> cas = new ArrayList<>();
        if (tls.caFile().isPresent()) cas.addAll(read(tls.caFile().get()));
        if (tls.caPath().isPresent()) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(tls.caPath().get())) {
                for (Path f : dir) if (Files.isRegularFile(f)) cas.addAll(read(f));
            }
        }
        if (!tls.verify()) {
            b.clientAuth(ClientAuth.NONE);
        } else if (tls.requireClientCert()) {
            if (cas.isEmpty()) throw new IOException("forward: no CA certificate found in tls.ca_file / tls.ca_path");
            b.trustManager(cas.toArray(new X509Certificate[0])).clientAuth(ClientAuth.REQUIRE);
        } else {
            b.clientAuth(ClientAuth.OPTIONAL);
        }
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IOException("forward: TLS setup failed: " + rootMessage(e), e);
        }
    }

    private static List<X509Certificate> read(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) out.add(x);
            }
        } catch (CertificateException e) {
            throw new IOException("forward: " + file + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
