package io.tributary.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds small JSON documents with Jackson's streaming generator (no object mapping, no reflection). */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** Counters are doubles in Micrometer; Fluent Bit prints them as integers, so whole values are written as such. */
    static void number(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        number(g, value);
    }

    static void number(JsonGenerator g, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNull();
        } else if (value == Math.rint(value) && Math.abs(value) < 9.0e15) {
            g.writeNumber((long) value);
        } else {
            g.writeNumber(value);
        }
    }
}
