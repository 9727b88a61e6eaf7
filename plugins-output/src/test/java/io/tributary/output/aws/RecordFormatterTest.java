package io.tributary.output.aws;

import io.airlift.compress.zstd.ZstdDecompressor;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RecordFormatterTest {
    private static final EventTime T = EventTime.ofInstant(Instant.parse("2026-11-23T13:22:55.123456789Z"));

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static EventCursor cursor(Map<String, Object> body) {
        EventCursor c = Chunks.of("t", List.of(new LogEvent(T, body))).cursor();
        c.next();
        return c;
    }

    private static String format(RecordFormat f, Map<String, Object> body) {
        RecordFormatter r = f.newFormatter();
        r.write(cursor(body));
        return new String(r.payload(), StandardCharsets.UTF_8);
    }

    private static RecordFormat fmt(String logKey, List<String> dataKeys, String timeKey, String timeFormat,
                                     String dots, boolean newline, Compression c) {
        return new RecordFormat(logKey == null ? null : KeyPath.parse(logKey), dataKeys, timeKey, timeFormat,
                TimeFormat.LStyle.NANOS, dots, newline, c);
    }

    @Test
    void wholeRecordAsOneJsonObject() {
        assertEquals("{\"log\":\"he said \\\"hi\\\"\",\"n\":1,\"ok\":true,\"m\":{\"a\":[1,2]}}",
                format(RecordFormat.plainJson(), body("log", "he said \"hi\"", "n", 1L, "ok", true, "m", body("a", List.of(1L, 2L)))));
    }

    @Test
    void logKeyStringIsSentAsItIsAndOtherValuesAsJson() {
        RecordFormat f = fmt("log", null, null, null, null, true, Compression.NONE);
        assertEquals("he said \"hi\"\n", format(f, body("log", "he said \"hi\"", "other", 1L)));
        assertEquals("{\"a\":1}\n", format(f, body("log", body("a", 1L))));
        assertEquals("{\"x\":2}\n", format(fmt("k8s->log", null, null, null, null, true, Compression.NONE),
                body("k8s", body("log", body("x", 2L)))));
        RecordFormatter r = f.newFormatter();
        assertFalse(r.write(cursor(body("message", "no log key"))));
    }

    @Test
    void dataKeysKeepOnlyThoseKeys() {
        assertEquals("{\"log\":\"x\",\"pod\":\"p\"}",
                format(fmt(null, List.of("log", "pod"), null, null, null, false, Compression.NONE),
                        body("log", "x", "secret", "s", "pod", "p")));
    }

    @Test
    void timeKeyIsAddedLastAndReplacesAKeyOfTheSameName() {
        assertEquals("{\"log\":\"x\",\"time\":\"2026-11-23T13:22:55.123\"}",
                format(fmt(null, null, "time", "%Y-%m-%dT%H:%M:%S.%3N", null, false, Compression.NONE),
                        body("time", "old", "log", "x")));
        assertEquals("{\"t\":\"2026-11-23 13:22:55 \\\"Z\\\"\"}",
                format(fmt(null, null, "t", "%Y-%m-%d %H:%M:%S \"Z\"", null, false, Compression.NONE), body()));
    }

    @Test
    void replaceDotsInNestedKeys() {
        assertEquals("{\"a_b\":{\"c_d\":[{\"e_f\":1}]},\"g\":\"h.i\"}",
                format(fmt(null, null, null, null, "_", false, Compression.NONE),
                        body("a.b", body("c.d", List.of(body("e.f", 1L))), "g", "h.i")));
    }

    @Test
    void compressionRoundTrips() throws Exception {
        Map<String, Object> b = body("log", "x".repeat(500));
        String expected = "{\"log\":\"" + "x".repeat(500) + "\"}\n";
        for (Compression c : List.of(Compression.GZIP, Compression.ZLIB, Compression.ZSTD)) {
            RecordFormatter r = fmt(null, null, null, null, null, true, c).newFormatter();
            r.write(cursor(b));
            byte[] z = r.payload();
            byte[] plain = switch (c) {
                case GZIP -> new GZIPInputStream(new ByteArrayInputStream(z)).readAllBytes();
                case ZLIB -> new InflaterInputStream(new ByteArrayInputStream(z)).readAllBytes();
                case ZSTD -> {
                    ZstdDecompressor d = new ZstdDecompressor();
                    byte[] out = new byte[(int) ZstdDecompressor.getDecompressedSize(z, 0, z.length)];
                    d.decompress(z, 0, z.length, out, 0, out.length);
                    yield out;
                }
                default -> throw new AssertionError(c);
            };
            assertEquals(expected, new String(plain, StandardCharsets.UTF_8), c.name());
            assertEquals(true, z.length < expected.length(), c + " compresses");
        }
    }
}
