package io.tributary.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /status}: one self-contained HTML page (inline CSS and script, no fonts or CDNs: it works offline and
 * behind any proxy) that polls {@code /status.json}. The content security policy forbids loading anything else.
 */
final class StatusPage {
    private static final byte[] PAGE = load();

    private StatusPage() {}

    static HttpReply reply() {
        return new HttpReply(HttpResponseStatus.OK, HttpReply.HTML, PAGE, Map.of(
                "Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        + "connect-src 'self'; img-src data:",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
    }

    private static byte[] load() {
        try (InputStream in = StatusPage.class.getResourceAsStream("status.html")) {
            if (in == null) throw new IllegalStateException("status.html missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading status.html", e);
        }
    }
}
