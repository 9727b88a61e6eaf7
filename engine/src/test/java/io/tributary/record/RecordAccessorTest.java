package io.tributary.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordAccessorTest {
    static Map<String, Object> record() {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        labels.put("app.kubernetes.io/name", "shop");
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("labels", labels);
        k8s.put("pod", "web-1");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("log", "hello");
        body.put("kubernetes", k8s);
        body.put("items", new ArrayList<>(List.of("a", Map.of("b", 2L))));
        body.put("nothing", null);
        return body;
    }

    @Test
    void readsPlainKeysNestedKeysAndIndexes() {
        Map<String, Object> r = record();
        assertEquals("hello", RecordAccessor.parse("log").get(r));
        assertEquals("hello", RecordAccessor.parse("$log").get(r));
        assertEquals("web", RecordAccessor.parse("$kubernetes['labels']['app']").get(r));
        assertEquals("shop", RecordAccessor.parse("$kubernetes[\"labels\"][\"app.kubernetes.io/name\"]").get(r));
        assertEquals("a", RecordAccessor.parse("$items[0]").get(r));
        assertEquals(2L, RecordAccessor.parse("$items[1]['b']").get(r));
        assertEquals("web", RecordAccessor.parse("$kubernetes['labels']['app']").getString(r));
        assertNull(RecordAccessor.parse("$kubernetes['labels']").getString(r), "a map is not a string");
    }

    @Test
    void missingStepsAreNullAndExistsTellsNullFromMissing() {
        Map<String, Object> r = record();
        assertNull(RecordAccessor.parse("$kubernetes['nope']['app']").get(r));
        assertNull(RecordAccessor.parse("$log['sub']").get(r), "indexing into a string gives nothing");
        assertNull(RecordAccessor.parse("$items[7]").get(r));
        assertTrue(RecordAccessor.parse("$nothing").exists(r));
        assertFalse(RecordAccessor.parse("$missing").exists(r));
        assertFalse(RecordAccessor.parse("$kubernetes['labels']['zz']").exists(r));
    }

    @Test
    void plainKeysAreLiteral() {
        Map<String, Object> r = new LinkedHashMap<>(Map.of("a['b']", 1L, "$", 2L));
        assertEquals(1L, RecordAccessor.parse("a['b']").get(r));
        assertEquals(2L, RecordAccessor.parse("$").get(r));
    }

    @Test
    void setCreatesIntermediateMapsAndRemoveRemoves() {
        Map<String, Object> r = record();
        assertTrue(RecordAccessor.parse("$kubernetes['labels']['tier']").set(r, "front"));
        assertTrue(RecordAccessor.parse("$new['deep']['er']").set(r, 1L));
        assertEquals(1L, RecordAccessor.parse("$new['deep']['er']").get(r));
        assertFalse(RecordAccessor.parse("$log['x']").set(r, 1L), "cannot descend into a string");
        assertTrue(RecordAccessor.parse("$items[0]").set(r, "z"));
        assertEquals("z", RecordAccessor.parse("$items[0]").get(r));
        assertEquals("web", RecordAccessor.parse("$kubernetes['labels']['app']").remove(r));
        assertFalse(RecordAccessor.parse("$kubernetes['labels']['app']").exists(r));
        assertNull(RecordAccessor.parse("$zz['a']").remove(r));
    }

    @Test
    void syntaxErrorsNameTheExpression() {
        for (String bad : new String[] {"$a[", "$a['b'", "$a[b]", "$['x']", "$a['b']x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordAccessor.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
