package io.tributary.output.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The SDK's Apache 5 HTTP client, for the SDK's own STS client (AssumeRole, web identity): rare calls off the send
 * path. Same TLS trust and timeouts as the outputs' own connections. The only class that names Apache's types, so
 * they load only when STS is configured.
 */
final class SdkApacheHttp {
    private SdkApacheHttp() {}

    static SdkHttpClient build(AwsSettings s) throws IOException, GeneralSecurityException {
        Apache5HttpClient.Builder b = Apache5HttpClient.builder()
                .maxConnections(4)
                .connectionTimeout(Duration.ofMillis(AwsHttpDialer.CONNECT_TIMEOUT_MILLIS))
                .socketTimeout(s.httpRequestTimeout())
                .connectionMaxIdleTime(AwsHttpPool.MAX_IDLE)
                .expectContinueEnabled(false)
                .tcpKeepAlive(true);
        TrustedCertificates.configured(s).ifPresent(b::tlsTrustManagersProvider);
        if (!s.tlsVerify()) {
            return b.buildWithDefaults(AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        }
        return b.build();
    }
}
