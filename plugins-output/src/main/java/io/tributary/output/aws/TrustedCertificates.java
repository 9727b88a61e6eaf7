package io.tributary.output.aws;

import software.amazon.awssdk.http.TlsTrustManagersProvider;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The CA certificates of {@code tls.ca_file} / {@code tls.ca_path}, as the trust store of the AWS HTTP client. */
final class TrustedCertificates implements TlsTrustManagersProvider {
    private final TrustManager[] managers;

    private TrustedCertificates(TrustManager[] managers) { this.managers = managers; }

    static TrustedCertificates load(List<Path> files) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int n = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (Certificate cert : cf.generateCertificates(in)) store.setCertificateEntry("ca-" + n++, cert);
            }
        }
        if (n == 0) throw new GeneralSecurityException("no certificate found in " + files);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return new TrustedCertificates(tmf.getTrustManagers());
    }

    /** The CAs that {@code tls.ca_file} and {@code tls.ca_path} name, or empty when neither is set. */
    static java.util.Optional<TrustedCertificates> configured(AwsSettings s) throws IOException, GeneralSecurityException {
        List<Path> cas = new ArrayList<>();
        s.tlsCaFile().ifPresent(cas::add);
        if (s.tlsCaPath().isPresent()) cas.addAll(filesIn(s.tlsCaPath().get()));
        return cas.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(load(cas));
    }

    /** The regular files of a CA directory (OpenSSL's hashed links included). */
    static List<Path> filesIn(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        return out;
    }

    @Override public TrustManager[] trustManagers() { return managers; }
}
