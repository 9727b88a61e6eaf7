package io.tributary.output.firehose;

import io.tributary.output.aws.Chunks;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogFieldTest {
    private static EventCursor record(Map<String, Object> body) {
        EventCursor c = Chunks.of("t", 1, new EventTime(1, 0), i -> body).cursor();
        c.next();
        return c;
    }

    @Test
    void fixedNamesKeysAndFluentBitRecordAccessors() {
        Map<String, Object> body = Map.of("host", "web-1", "port", 514L, "empty", "",
                "kubernetes", Map.of("labels", Map.of("app", "shop")));
        EventCursor c = record(body);
        assertEquals("/fixed/group", LogField.parse("/fixed/group").resolve(c, "fallback"));
        assertEquals("web-1", LogField.parse("$host").resolve(c, "fallback"));
        assertEquals("shop", LogField.parse("$kubernetes['labels']['app']").resolve(c, "fallback"));
        assertEquals("shop", LogField.parse("$kubernetes->labels->app").resolve(c, "fallback"));
        assertEquals("514", LogField.parse("$port").resolve(c, "fallback"));
        assertEquals("fallback", LogField.parse("$absent").resolve(c, "fallback"));
        assertEquals("fallback", LogField.parse("$empty").resolve(c, "fallback"));
        assertEquals("fallback", LogField.unset().resolve(c, "fallback"));
        assertThrows(IllegalArgumentException.class, () -> LogField.parse("$"));
        assertThrows(IllegalArgumentException.class, () -> LogField.parse("  "));
    }

    @Test
    void longNamesAreCutToCloudWatchsLimitAndRepeatedValuesReuseOneString() {
        LogField f = LogField.parse("$host");
        String first = f.resolve(record(Map.of("host", "h".repeat(600))), "x");
        assertEquals(LogField.MAX_CHARS, first.length());
        String a = f.resolve(record(Map.of("host", "same")), "x");
        assertSame(a, f.resolve(record(Map.of("host", "same")), "x"));
        assertEquals(List.of("same"), List.of(a));
    }
}
