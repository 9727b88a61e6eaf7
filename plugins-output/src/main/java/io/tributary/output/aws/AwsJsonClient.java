package io.tributary.output.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;

/**
 * One signed call of an AWS JSON protocol API (Kinesis and Firehose speak JSON 1.1): POST the body with its
 * X-Amz-Target, SigV4-signed ({@link SigV4Signer}) with the transport's credentials, through the shared HTTP pool.
 * The service code writes the body straight from its entries (base64 once, into the request buffer) and reads
 * the answer with a streaming parser; no per-entry request or response objects exist. Thread-safe.
 */
public final class AwsJsonClient {
    private static final String USER_AGENT = "tributary aws-sdk-java/2 (" + System.getProperty("os.name") + ")";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final SigV4Signer signer;
    private final Clock clock;
    private final URI endpoint;
    private final String host;
    private final String path;
    private final String contentType;

    public AwsJsonClient(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String signingName,
                         URI endpoint, String jsonVersion) {
        this(http, credentials, region, signingName, endpoint, jsonVersion, Clock.systemUTC());
    }

    AwsJsonClient(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String signingName,
                  URI endpoint, String jsonVersion, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.signer = new SigV4Signer(region, signingName);
        this.clock = clock;
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.contentType = "application/x-amz-json-" + jsonVersion;
    }

    /** The Host header as HTTP clients send it: the port only when it is not the scheme's default. */
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(endpoint.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** The regional endpoint AWS publishes for a service: https://service.region.amazonaws.com(.cn). */
    public static URI defaultEndpoint(String endpointPrefix, String region) {
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + endpointPrefix + "." + region + "." + suffix);
    }

    public URI endpoint() { return endpoint; }

    /**
     * Sends {@code body[0, length)} and returns the answer's bytes when the service accepted the call. Throws an
     * {@link AwsServiceException} carrying the service's error code for an error answer, and an
     * {@link SdkClientException} (caused by the IOException) when the network failed.
     */
    public byte[] call(String target, byte[] body, int length) {
        return call(target, contentType, body, length);
    }

    /**
     * As {@link #call(String, byte[], int)} with a body in another of the service's protocols, e.g. Kinesis's
     * {@code application/x-amz-cbor-1.1}; the service answers in the same one ({@link #parser} reads either).
     */
    public byte[] call(String target, String contentType, byte[] body, int length) {
        SigV4Signer.Signature signature = signer.sign(credentials.resolveCredentials(), clock.instant(), host, path,
                contentType, target, body, length);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST).uri(endpoint).encodedPath(path)
                .putHeader("Host", host)
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", target)
                .putHeader("X-Amz-Date", signature.amzDate())
                .putHeader("X-Amz-Content-Sha256", signature.contentSha256())
                .putHeader("Authorization", signature.authorization())
                .putHeader("Content-Length", Integer.toString(length))
                .putHeader("User-Agent", USER_AGENT);
        if (signature.securityToken() != null) request.putHeader("X-Amz-Security-Token", signature.securityToken());
        ContentStreamProvider payload = () -> new ByteArrayInputStream(body, 0, length);
        ExecutableHttpRequest call = http.prepareRequest(HttpExecuteRequest.builder().request(request.build())
                .contentStreamProvider(payload).build());
        try {
            HttpExecuteResponse response = call.call();
            byte[] answer;
            try (InputStream in = response.responseBody().map(s -> (InputStream) s).orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
            int status = response.httpResponse().statusCode();
            if (status / 100 == 2) return answer;
            throw error(status, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null),
                    response.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null), answer);
        } catch (IOException e) {
            throw SdkClientException.builder().message(target + " to " + endpoint + ": " + e).cause(e).build();
        }
    }

    /**
     * A streaming parser for an answer in JSON or CBOR: a JSON answer is an object, so its first byte is '{' or
     * white space; a CBOR answer is a map, whose first byte is 0xa0-0xbf.
     */
    public static JsonParser parser(byte[] answer) throws IOException {
        int first = answer.length == 0 ? '{' : answer[0] & 0xff;
        boolean json = first == '{' || first == ' ' || first == '\t' || first == '\r' || first == '\n';
        return json ? JsonNodeParser.DEFAULT_JSON_FACTORY.createParser(answer) : CBOR.createParser(answer);
    }

    private static final CBORFactory CBOR = new CBORFactory();

    /** The error answer as the SDK would raise it: status, error code (from the body or header) and message. */
    static AwsServiceException error(int status, String typeHeader, String requestId, byte[] body) {
        String code = null;
        String message = null;
        try (JsonParser p = parser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name.toLowerCase(Locale.ROOT)) {
                        case "__type", "code" -> code = p.getValueAsString();
                        case "message" -> message = p.getValueAsString();
                        default -> p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException notJson) {
            message = body.length == 0 ? null : new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (code == null && typeHeader != null) code = typeHeader;
        if (code != null) {
            // "aws.protocoltests#Code" or "Code:http://internal.amazon.com/..." both mean "Code".
            int hash = code.lastIndexOf('#');
            if (hash >= 0) code = code.substring(hash + 1);
            int colon = code.indexOf(':');
            if (colon >= 0) code = code.substring(0, colon);
        }
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code == null ? "HTTP " + status : code)
                .errorMessage(message == null ? "HTTP " + status : message).serviceName(null).build();
        return AwsServiceException.builder().statusCode(status).requestId(requestId).awsErrorDetails(details)
                .message((code == null ? "HTTP " + status : code) + ": " + message).build();
    }
}
