package io.tributary.output.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Our signer must produce, byte for byte, the Authorization the AWS SDK's own SigV4 signer computes. */
class SigV4SignerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T17:30:05Z");
    private static final String TARGET = "Kinesis_20131202.PutRecords";
    private static final String TYPE = "application/x-amz-json-1.1";

    @Test
    void matchesTheSdkSignerWithStaticKeys() {
        AwsCredentialsIdentity keys = AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        assertSameAsSdk(keys, URI.create("https://kinesis.eu-west-1.amazonaws.com"), "eu-west-1", "kinesis",
                "{\"Records\":[{\"Data\":\"eyJsb2ciOiJoaSJ9\",\"PartitionKey\":\"a\"}],\"StreamName\":\"s\"}");
    }

    @Test
    void matchesTheSdkSignerWithASessionTokenAndAPort() {
        AwsCredentialsIdentity keys = AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret/with+chars", "token==abc/def");
        assertSameAsSdk(keys, URI.create("https://127.0.0.1:4443"), "us-east-1", "firehose", "{\"a\":\"\u00e9\"}");
    }

    @Test
    void matchesTheSdkSignerOnAnEmptyBodyAndAPath() {
        AwsCredentialsIdentity keys = AwsCredentialsIdentity.create("AKID", "s");
        assertSameAsSdk(keys, URI.create("http://localhost:9324/queue/path"), "us-west-2", "sqs", "");
    }

    @Test
    void aDifferentBodyOrDayChangesTheSignature() {
        SigV4Signer signer = new SigV4Signer("us-east-1", "kinesis");
        AwsCredentialsIdentity keys = AwsCredentialsIdentity.create("AKID", "s");
        byte[] a = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"x\":2}".getBytes(StandardCharsets.UTF_8);
        String sa = signer.sign(keys, NOW, "h", "/", TYPE, TARGET, a, a.length).authorization();
        assertNotEquals(sa, signer.sign(keys, NOW, "h", "/", TYPE, TARGET, b, b.length).authorization());
        assertNotEquals(sa, signer.sign(keys, NOW.plusSeconds(86_400), "h", "/", TYPE, TARGET, a, a.length).authorization());
        assertNull(signer.sign(keys, NOW, "h", "/", TYPE, TARGET, a, a.length).securityToken());
    }

    private static void assertSameAsSdk(AwsCredentialsIdentity keys, URI endpoint, String region, String service, String body) {
        byte[] bytes = ("PADDING" + body + "TAIL").getBytes(StandardCharsets.UTF_8);
        int offset = "PADDING".length();
        byte[] exact = body.getBytes(StandardCharsets.UTF_8);
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();

        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint).encodedPath(path)
                .putHeader("Content-Type", TYPE).putHeader("X-Amz-Target", TARGET).build();
        ContentStreamProvider payload = () -> new ByteArrayInputStream(exact);
        SdkHttpRequest sdk = AwsV4HttpSigner.create().sign(r -> r.identity(keys).request(request).payload(payload)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();

        byte[] shifted = new byte[exact.length];
        System.arraycopy(bytes, offset, shifted, 0, exact.length);
        SigV4Signer.Signature ours = new SigV4Signer(region, service)
                .sign(keys, NOW, AwsJsonClient.hostHeader(endpoint), path, TYPE, TARGET, shifted, exact.length);
        assertEquals(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), ours.amzDate());
        assertEquals(sdk.firstMatchingHeader("x-amz-content-sha256").orElseThrow(), ours.contentSha256());
        assertEquals(sdk.firstMatchingHeader("X-Amz-Security-Token").orElse(null), ours.securityToken());
        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.authorization());
    }
}
