package io.tributary.bench.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads an engine's {@code GET /api/v1/metrics} (Fluent Bit's JSON shape, which Tributary serves too) and sums
 * what its inputs accepted and its outputs delivered or dropped.
 */
final class MetricsProbe {
    /** Totals over all instances. */
    record Totals(long inputRecords, long outputRecords, long outputDropped) {}

    private static final JsonFactory JSON = new JsonFactory();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    MetricsProbe(int httpPort) {
        this.uri = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/metrics");
    }

    Totals read() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException(uri + " answered " + r.statusCode());
        return parse(r.body());
    }

    static Totals parse(byte[] body) throws IOException {
        long in = 0;
        long out = 0;
        long dropped = 0;
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                expect(p.nextToken(), JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {          // one instance, e.g. "null.0"
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v.isStructStart()) { p.skipChildren(); continue; }
                        long n = v.isNumeric() ? p.getValueAsLong() : 0;
                        if (section.equals("input") && field.equals("records")) in += n;
                        else if (section.equals("output") && field.equals("proc_records")) out += n;
                        else if (section.equals("output") && field.equals("dropped_records")) dropped += n;
                    }
                }
            }
        }
        return new Totals(in, out, dropped);
    }

    private static void expect(JsonToken got, JsonToken want) throws IOException {
        if (got != want) throw new IOException("unexpected metrics JSON: " + got + " where " + want + " was expected");
    }
}
