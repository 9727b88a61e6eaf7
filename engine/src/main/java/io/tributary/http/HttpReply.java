package io.tributary.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One response: status, content type, body and any extra headers. */
record HttpReply(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    HttpReply {
        headers = Map.copyOf(headers);
    }

    static HttpReply json(HttpResponseStatus status, byte[] body) { return new HttpReply(status, JSON, body, Map.of()); }

    static HttpReply json(byte[] body) { return json(HttpResponseStatus.OK, body); }

    static HttpReply text(HttpResponseStatus status, String body) {
        return new HttpReply(status, TEXT, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static HttpReply notFound() { return text(HttpResponseStatus.NOT_FOUND, "not found\n"); }

    HttpReply withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, contentType, body, h);
    }
}
