package io.tributary.filter;

import io.tributary.record.LogEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key-order edits on a record body. Fluent Bit appends a new key at the end of the msgpack map and, when one
 * record ends up with the same key twice, every consumer sees the last one; a Java map has no duplicates, so
 * "append" here means remove-then-put, which leaves the same visible record.
 */
public final class RecordOrder {
    private RecordOrder() {}

    /** Puts the key last, replacing any earlier value. */
    public static void putLast(Map<String, Object> body, String key, Object value) {
        body.remove(key);
        body.put(key, value);
    }

    /** Puts the key first, replacing any other value of that key. */
    public static void putFirst(LogEvent event, String key, Object value) {
        Map<String, Object> old = event.body();
        Map<String, Object> body = new LinkedHashMap<>(Math.max(8, old.size() * 2 + 2));
        body.put(key, value);
        for (Map.Entry<String, Object> e : old.entrySet()) {
            if (!e.getKey().equals(key)) body.put(e.getKey(), e.getValue());
        }
        event.body(body);
    }

    /** Renames a key where it stands; another key named {@code to} is dropped. */
    public static void renameInPlace(LogEvent event, String from, String to) {
        Map<String, Object> old = event.body();
        Map<String, Object> body = new LinkedHashMap<>(Math.max(8, old.size() * 2));
        for (Map.Entry<String, Object> e : old.entrySet()) {
            String k = e.getKey();
            if (k.equals(from)) body.put(to, e.getValue());
            else if (!k.equals(to)) body.put(k, e.getValue());
        }
        event.body(body);
    }
}
