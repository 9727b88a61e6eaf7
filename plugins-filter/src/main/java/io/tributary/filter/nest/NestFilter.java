package io.tributary.filter.nest;

import io.tributary.filter.RecordOrder;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterPlugin;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves top-level keys into a map ({@code nest}) or a map's keys up to the top level ({@code lift}). The new
 * map, or the lifted keys, go last, replacing keys of the same name. Stateless.
 */
final class NestFilter implements FilterPlugin {
    private final boolean nest;
    private final String[] wildcards;
    private final String target;
    private final String addPrefix;
    private final String removePrefix;

    NestFilter(boolean nest, List<String> wildcards, String target, String addPrefix, String removePrefix) {
        this.nest = nest;
        this.wildcards = wildcards.toArray(new String[0]);
        this.target = target;
        this.addPrefix = addPrefix;
        this.removePrefix = removePrefix;
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        for (int i = 0, n = events.size(); i < n; i++) {
            Map<String, Object> body = events.get(i).body();
            if (nest) nest(body); else lift(body);
        }
    }

    /** A wildcard is a prefix when it ends with '*', else an exact key; a '*' elsewhere is literal (as Fluent Bit). */
    boolean matches(String key) {
        for (String w : wildcards) {
            if (w.endsWith("*") ? key.startsWith(w.substring(0, w.length() - 1)) : key.equals(w)) return true;
        }
        return false;
    }

    private String rename(String key) {
        String k = key;
        if (removePrefix != null && k.startsWith(removePrefix)) k = k.substring(removePrefix.length());
        if (addPrefix != null) k = addPrefix + k;
        return k;
    }

    void nest(Map<String, Object> body) {
        Map<String, Object> nested = null;
        for (Iterator<Map.Entry<String, Object>> it = body.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            if (!matches(e.getKey())) continue;
            if (nested == null) nested = new LinkedHashMap<>();
            nested.put(rename(e.getKey()), e.getValue());
            it.remove();
        }
        if (nested != null) RecordOrder.putLast(body, target, nested);
    }

    void lift(Map<String, Object> body) {
        if (!(body.get(target) instanceof Map<?, ?> inner)) return;
        body.remove(target);
        for (Map.Entry<?, ?> e : inner.entrySet()) RecordOrder.putLast(body, rename(String.valueOf(e.getKey())), e.getValue());
    }
}
