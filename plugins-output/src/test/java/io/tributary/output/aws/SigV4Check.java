package io.tributary.output.aws;

import com.sun.net.httpserver.HttpExchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Verifies an AWS Signature Version 4 request the way AWS does: the Authorization header's scope (date, region,
 * service), the access key, the session token header, the request time, and the signature itself, recomputed from
 * the canonical request with the key's secret. Returns null when the request is good, else the AWS error.
 */
public final class SigV4Check {
    /** An AWS error a strict server answers with. */
    public record Refusal(int status, String code, String message) {}

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final KeyRing keys;
    private final String region;
    private final String service;

    public SigV4Check(KeyRing keys, String region, String service) {
        this.keys = keys;
        this.region = region;
        this.service = service;
    }

    /** The key that signed the request, once {@link #verify} accepted it. */
    public KeyRing.Key signer(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String cred = part(auth, "Credential=");
        return keys.find(cred.split("/")[0]);
    }

    public Refusal verify(HttpExchange ex, byte[] body) throws Exception {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 ")) {
            return new Refusal(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        String cred = part(auth, "Credential=");
        String signedHeaders = part(auth, "SignedHeaders=");
        String signature = part(auth, "Signature=");
        String[] scope = cred.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) return incomplete("bad credential scope " + cred);
        if (!scope[2].equals(region)) return incomplete("Credential should be scoped to a valid region, not '" + scope[2] + "'");
        if (!scope[3].equals(service)) return incomplete("Credential should be scoped to correct service: '" + service + "'");
        KeyRing.Key key = keys.find(scope[0]);
        if (key == null) return new Refusal(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        if (keys.expired(key)) return new Refusal(400, "ExpiredTokenException", "The security token included in the request is expired");
        String token = ex.getRequestHeaders().getFirst("X-Amz-Security-Token");
        if (key.sessionToken() != null ? !key.sessionToken().equals(token) : token != null) {
            return new Refusal(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String amzDate = ex.getRequestHeaders().getFirst("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(scope[1])) return incomplete("X-Amz-Date missing or not matching the scope");
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            return new Refusal(400, "InvalidSignatureException", "Signature expired: " + amzDate);
        }
        List<String> names = List.of(signedHeaders.split(";"));
        if (!names.contains("host") || !names.contains("x-amz-date")) return incomplete("host and x-amz-date must be signed");
        StringBuilder canonical = new StringBuilder();
        canonical.append(ex.getRequestMethod()).append('\n');
        String path = ex.getRequestURI().getRawPath();
        canonical.append(path == null || path.isEmpty() ? "/" : path).append('\n');
        canonical.append(canonicalQuery(ex.getRequestURI().getRawQuery())).append('\n');
        for (String h : names) {
            List<String> values = ex.getRequestHeaders().get(h);
            if (values == null) return incomplete("signed header " + h + " is missing");
            List<String> trimmed = new ArrayList<>();
            for (String v : values) trimmed.add(v.trim().replaceAll(" +", " "));
            canonical.append(h).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n');
        String contentHash = ex.getRequestHeaders().getFirst("X-Amz-Content-Sha256");
        String bodyHash = hex(sha256(body));
        if (contentHash != null && !contentHash.equals(bodyHash)) {
            return new Refusal(400, "InvalidSignatureException", "x-amz-content-sha256 does not match the body");
        }
        canonical.append(bodyHash);
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope[1] + "/" + region + "/" + service + "/aws4_request\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), scope[1]);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, "aws4_request");
        String expected = hex(hmac(k, stringToSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Refusal(400, "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided.");
        }
        return null;
    }

    private static Refusal incomplete(String why) { return new Refusal(400, "IncompleteSignatureException", why); }

    private static String canonicalQuery(String raw) {
        if (raw == null || raw.isEmpty()) return "";
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            sorted.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String part(String auth, String name) {
        int i = auth.indexOf(name);
        if (i < 0) return "";
        int end = auth.indexOf(',', i);
        return auth.substring(i + name.length(), end < 0 ? auth.length() : end).trim();
    }

    static byte[] sha256(byte[] b) throws Exception { return MessageDigest.getInstance("SHA-256").digest(b); }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] b) { return HexFormat.of().formatHex(b).toLowerCase(Locale.ROOT); }
}
