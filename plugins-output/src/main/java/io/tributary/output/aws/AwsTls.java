package io.tributary.output.aws;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * The TLS side of the AWS outputs' connections: the Java runtime's trusted CAs, or only those of {@code tls.ca_file}
 * / {@code tls.ca_path}, or none checked at all with {@code tls.verify off} (the host name is then not checked
 * either; see {@link AwsHttpDialer}).
 */
final class AwsTls {
    private AwsTls() {}

    static SSLSocketFactory socketFactory(AwsSettings s) throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;   // the runtime's default trust store
        if (!s.tlsVerify()) {
            trust = new TrustManager[] {new TrustingAll()};
        } else {
            trust = TrustedCertificates.configured(s).map(TrustedCertificates::trustManagers).orElse(null);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context.getSocketFactory();
    }

    /** tls.verify off: the user asked to accept any certificate (a test endpoint, a known interception proxy). */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
