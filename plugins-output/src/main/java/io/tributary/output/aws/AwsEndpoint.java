package io.tributary.output.aws;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An {@code endpoint} option as Fluent Bit reads it: a bare host name means HTTPS on {@code port} (443 by default);
 * a URL is taken as it is, so {@code http://127.0.0.1:4567} reaches an emulator.
 */
public record AwsEndpoint(URI uri) {
    public static AwsEndpoint parse(String text, Integer port) {
        String t = text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("empty endpoint");
        try {
            URI u;
            if (t.contains("://")) {
                u = new URI(t);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("'" + text + "': scheme must be http or https");
                }
                if (u.getPort() < 0 && port != null) u = new URI(scheme, null, u.getHost(), port, u.getPath(), null, null);
            } else {
                u = new URI("https", null, t, port == null ? 443 : port, null, null, null);
            }
            if (u.getHost() == null || u.getHost().isEmpty()) throw new IllegalArgumentException("'" + text + "' names no host");
            return new AwsEndpoint(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a host name or URL: " + e.getReason());
        }
    }

    public boolean isPlainHttp() { return "http".equalsIgnoreCase(uri.getScheme()); }

    @Override public String toString() { return uri.toString(); }
}
