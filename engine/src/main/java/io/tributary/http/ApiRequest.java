package io.tributary.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;

/** What an endpoint needs from a request: method, path, query parameters and the Accept header. */
record ApiRequest(HttpMethod method, String path, Map<String, List<String>> query, String accept) {
    ApiRequest {
        query = Map.copyOf(query);
        accept = accept == null ? "" : accept;
    }

    boolean accepts(String mediaType) { return accept.contains(mediaType); }

    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
