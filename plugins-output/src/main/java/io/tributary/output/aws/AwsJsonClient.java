package io.tributary.output.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

/**
 * One signed call of an AWS JSON protocol API (Kinesis and Firehose speak JSON 1.1): POST the body with its
 * X-Amz-Target, SigV4-signed ({@link SigV4Signer}) with the transport's credentials, over the endpoint's
 * keep-alive connections ({@link AwsHttpPool}). The service code writes the body straight from its entries (base64
 * once, into the request buffer) and reads the answer with a streaming parser where the connection read it; no
 * per-entry request or response objects exist, and no copy of the body or the answer. Thread-safe.
 *
 * <p>A call is never repeated here once its bytes left: the outputs' retry policy decides what to send again.
 */
public final class AwsJsonClient {
    private static final String USER_AGENT = "tributary aws-sdk-java/2 (" + System.getProperty("os.name") + ")";

    private final AwsHttpPool http;
    private final AwsCredentialsProvider credentials;
    private final SigV4Signer signer;
    private final Clock clock;
    private final URI endpoint;
    private final String host;
    private final String path;
    private final String contentType;
    /** "POST /path HTTP/1.1", or with the absolute URL when an http endpoint is reached through a proxy. */
    private final String requestLine;
    private final String proxyAuthorization;

    AwsJsonClient(AwsHttpPool http, AwsCredentialsProvider credentials, String region, String signingName,
                         URI endpoint, String jsonVersion) {
        this(http, credentials, region, signingName, endpoint, jsonVersion, Clock.systemUTC());
    }

    AwsJsonClient(AwsHttpPool http, AwsCredentialsProvider credentials, String region, String signingName,
                  URI endpoint, String jsonVersion, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.signer = new SigV4Signer(region, signingName);
        this.clock = clock;
        this.endpoint = endpoint;
        this.host = hostHeader(endpoint);
        this.path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.contentType = "application/x-amz-json-" + jsonVersion;
        HttpProxy proxy = http.proxy();
        boolean viaHttpProxy = proxy != null && "http".equalsIgnoreCase(endpoint.getScheme());
        this.requestLine = "POST " + (viaHttpProxy ? "http://" + host + path : path) + " HTTP/1.1\r\n";
        this.proxyAuthorization = viaHttpProxy ? proxy.authorization() : null;
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
     * Sends {@code body[0, length)} and, when the service accepted the call, returns what {@code parser} makes of
     * the answer (read in place, during the call). Throws an {@link AwsServiceException} carrying the service's
     * error code for an error answer, and an {@link SdkClientException} when the network failed (caused by the
     * IOException) or the answer could not be parsed.
     */
    public <T> T call(String target, byte[] body, int length, AnswerParser<T> parser) {
        return call(target, contentType, body, length, parser);
    }

    /**
     * As {@link #call(String, byte[], int, AnswerParser)} with a body in another of the service's protocols, e.g.
     * Kinesis's {@code application/x-amz-cbor-1.1}; the service answers in the same one ({@link #parser} reads
     * either).
     */
    public <T> T call(String target, String contentType, byte[] body, int length, AnswerParser<T> parser) {
        SigV4Signer.Signature signature = signer.sign(credentials.resolveCredentials(), clock.instant(), host, path,
                contentType, target, body, length);
        byte[] head = head(target, contentType, signature, length);
        AwsHttpConnection connection = null;
        boolean reusable = false;
        try {
            connection = http.lease();
            HttpAnswer answer = connection.exchange(head, head.length, body, length);
            reusable = answer.keepAlive();
            if (answer.status() / 100 != 2) {
                throw error(answer.status(), answer.errorType(), answer.requestId(), answer.body(), answer.length());
            }
            try {
                return parser.parse(answer.body(), answer.length());
            } catch (SdkException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw SdkClientException.builder().message("unreadable " + operation(target) + " answer: " + e).cause(e).build();
            }
        } catch (IOException e) {
            reusable = false;
            throw SdkClientException.builder().message(target + " to " + endpoint + ": " + e).cause(e).build();
        } finally {
            if (connection != null) http.release(connection, reusable);
        }
    }

    /** The request line and headers, in one array written before the body. */
    private byte[] head(String target, String contentType, SigV4Signer.Signature signature, int length) {
        StringBuilder h = new StringBuilder(768).append(requestLine)
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("X-Amz-Target: ").append(target).append("\r\n")
                .append("X-Amz-Date: ").append(signature.amzDate()).append("\r\n")
                .append("X-Amz-Content-Sha256: ").append(signature.contentSha256()).append("\r\n")
                .append("Authorization: ").append(signature.authorization()).append("\r\n");
        if (signature.securityToken() != null) h.append("X-Amz-Security-Token: ").append(signature.securityToken()).append("\r\n");
        if (proxyAuthorization != null) h.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
        h.append("Content-Length: ").append(length).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** "Kinesis_20131202.PutRecords" is the PutRecords operation. */
    private static String operation(String target) { return target.substring(target.lastIndexOf('.') + 1); }

    /**
     * A streaming parser for an answer in JSON or CBOR: a JSON answer is an object, so its first byte is '{' or
     * white space; a CBOR answer is a map, whose first byte is 0xa0-0xbf.
     */
    public static JsonParser parser(byte[] answer) throws IOException { return parser(answer, answer.length); }

    /** As {@link #parser(byte[])} for {@code answer[0, length)}. */
    public static JsonParser parser(byte[] answer, int length) throws IOException {
        int first = length == 0 ? '{' : answer[0] & 0xff;
        boolean json = first == '{' || first == ' ' || first == '\t' || first == '\r' || first == '\n';
        return json ? JsonNodeParser.DEFAULT_JSON_FACTORY.createParser(answer, 0, length) : CBOR.createParser(answer, 0, length);
    }

    private static final CBORFactory CBOR = new CBORFactory();

    /** The error answer as the SDK would raise it: status, error code (from the body or header) and message. */
    static AwsServiceException error(int status, String typeHeader, String requestId, byte[] body) {
        return error(status, typeHeader, requestId, body, body.length);
    }

    static AwsServiceException error(int status, String typeHeader, String requestId, byte[] body, int length) {
        String code = null;
        String message = null;
        try (JsonParser p = parser(body, length)) {
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
            message = length == 0 ? null : new String(body, 0, Math.min(length, 200), StandardCharsets.UTF_8);
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
