package io.tributary.filter.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A client of the EC2 instance metadata service (IMDS). With v2 it first PUTs {@code /latest/api/token} with a
 * TTL header and sends the token on every GET, renewing it before it expires; with v1 it sends plain GETs.
 * Paths and headers are those of the EC2 user guide ("Use the Instance Metadata Service").
 */
final class Ec2Metadata {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    private static final int TOKEN_TTL_SECONDS = 21600;

    private final HttpClient http;
    private final URI endpoint;
    private final boolean v2;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    Ec2Metadata(URI endpoint, boolean v2, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = endpoint;
        this.v2 = v2;
    }

    /** Raised when the service cannot be reached or answers with an error. */
    static final class MetadataException extends Exception {
        final int status;

        MetadataException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    /** GETs a metadata path such as {@code /latest/meta-data/instance-id}; the body, trimmed. */
    synchronized String get(String path) throws MetadataException {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(2)).GET();
        if (v2) req.header(TOKEN_HEADER, token());
        HttpResponse<String> resp = send(req.build(), path);
        if (resp.statusCode() == 401 && v2) {
            tokenExpiry = Instant.EPOCH;   // the token expired early (e.g. the service restarted): fetch a new one once
            req = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(2)).GET().header(TOKEN_HEADER, token());
            resp = send(req.build(), path);
        }
        if (resp.statusCode() != 200) {
            throw new MetadataException("IMDS " + path + " answered HTTP " + resp.statusCode(), resp.statusCode());
        }
        return resp.body().trim();
    }

    private String token() throws MetadataException {
        if (token != null && Instant.now().isBefore(tokenExpiry)) return token;
        HttpRequest req = HttpRequest.newBuilder(endpoint.resolve(TOKEN_PATH)).timeout(Duration.ofSeconds(2))
                .header(TOKEN_TTL_HEADER, Integer.toString(TOKEN_TTL_SECONDS))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> resp = send(req, TOKEN_PATH);
        if (resp.statusCode() != 200 || resp.body().isBlank()) {
            throw new MetadataException("IMDSv2 token request answered HTTP " + resp.statusCode()
                    + " (set imds_version v1 if this host only offers IMDSv1)", resp.statusCode());
        }
        token = resp.body().trim();
        tokenExpiry = Instant.now().plusSeconds(TOKEN_TTL_SECONDS - 60);
        return token;
    }

    private HttpResponse<String> send(HttpRequest req, String path) throws MetadataException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MetadataException("IMDS " + path + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("IMDS " + path + ": interrupted", 0);
        }
    }
}
