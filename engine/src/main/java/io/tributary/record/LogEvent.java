package io.tributary.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded record: its time, Fluent Bit's metadata map and the record body. Values are plain Java:
 * String, Long, Double, Boolean, null, byte[] (msgpack bin), List, Map (keys as strings, order kept) and
 * {@link ExtValue}. Decoded events are made for filters; the hot paths (routing, buffering, counting) work on
 * the encoded bytes instead. An event handed to a filter chain belongs to it: filters may change it in place.
 */
public final class LogEvent {
    private EventTime time;
    private Map<String, Object> metadata;
    private Map<String, Object> body;

    public LogEvent(EventTime time, Map<String, Object> metadata, Map<String, Object> body) {
        this.time = Objects.requireNonNull(time, "time");
        this.metadata = metadata == null ? new LinkedHashMap<>() : metadata;
        this.body = Objects.requireNonNull(body, "body");
    }

    public LogEvent(EventTime time, Map<String, Object> body) { this(time, new LinkedHashMap<>(), body); }

    public EventTime time() { return time; }
    public Map<String, Object> metadata() { return metadata; }
    public Map<String, Object> body() { return body; }

    public void time(EventTime t) { this.time = Objects.requireNonNull(t); }
    public void metadata(Map<String, Object> m) { this.metadata = Objects.requireNonNull(m); }
    public void body(Map<String, Object> b) { this.body = Objects.requireNonNull(b); }

    /** A deep-enough copy for filters that emit one event twice (maps and lists copied, leaves shared). */
    public LogEvent copy() {
        return new LogEvent(time, deepCopy(metadata), deepCopy(body));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
        for (Map.Entry<String, Object> e : m.entrySet()) out.put(e.getKey(), copyValue(e.getValue()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) return deepCopy((Map<String, Object>) m);
        if (v instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            for (Object o : l) out.add(copyValue(o));
            return out;
        }
        return v;
    }

    @Override public String toString() { return "LogEvent[" + time + ", " + body + "]"; }

    @Override public boolean equals(Object o) {
        return o instanceof LogEvent e && e.time.equals(time) && e.metadata.equals(metadata) && e.body.equals(body);
    }

    @Override public int hashCode() { return Objects.hash(time, body); }
}
