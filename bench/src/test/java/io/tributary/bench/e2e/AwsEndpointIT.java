package io.tributary.bench.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Firehose endpoint over real TLS with the throwaway CA, as an engine reaches it. */
class AwsEndpointIT {
    @TempDir static Path dir;
    static TestCertificate cert;
    static AwsEndpoint endpoint;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificate.create(dir);
        endpoint = new AwsEndpoint(new PutRecordBatchApi("d1"), EndpointBehaviour.halfFailOnce(), cert, "us-east-1");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert.caFile())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) endpoint.close();
    }

    private static HttpResponse<String> post(String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + endpoint.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Firehose_20150804.PutRecordBatch")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) b.header("Authorization", auth);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersOverTlsFailsHalfOnceAndCountsTheResendAsDuplicates() throws Exception {
        String auth = "AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/firehose/aws4_request, SignedHeaders=host, Signature=00";
        StringBuilder body = new StringBuilder("{\"DeliveryStreamName\":\"d1\",\"Records\":[");
        for (int i = 0; i < 4; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(("{\"seq\":" + (100 + i) + "}").getBytes(StandardCharsets.UTF_8)))
                    .append("\"}");
        }
        body.append("]}");
        HttpResponse<String> first = post(auth, body.toString());
        assertEquals(200, first.statusCode());
        assertTrue(first.body().startsWith("{\"FailedPutCount\":2,"), first.body());
        HttpResponse<String> again = post(auth, body.toString());
        assertTrue(again.body().startsWith("{\"FailedPutCount\":0,"), again.body());
        DeliveryLedger.Counts c = endpoint.counts();
        assertEquals(4, c.unique());
        assertEquals(2, c.duplicates());

        HttpResponse<String> unsigned = post(null, body.toString());
        assertEquals(403, unsigned.statusCode());
        HttpResponse<String> wrongService = post(auth.replace("/firehose/", "/kinesis/"), body.toString());
        assertEquals(403, wrongService.statusCode());
        assertEquals(4, endpoint.counts().unique(), "refused requests count nothing");
    }
}
