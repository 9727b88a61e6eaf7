package io.tributary.filter.record_modifier;

import io.tributary.filter.RecordOrder;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterPlugin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Removes keys (Remove_key) or keeps only some (Allowlist_key), then appends Record pairs and the Uuid_key. Stateless. */
final class RecordModifierFilter implements FilterPlugin {
    private final List<Map.Entry<String, String>> records;
    private final Set<String> remove;
    private final Set<String> allow;
    private final String uuidKey;

    RecordModifierFilter(List<Map.Entry<String, String>> records, Set<String> remove, Set<String> allow, String uuidKey) {
        this.records = List.copyOf(records);
        this.remove = Set.copyOf(remove);
        this.allow = Set.copyOf(allow);
        this.uuidKey = uuidKey;
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        for (int i = 0, n = events.size(); i < n; i++) apply(events.get(i).body());
    }

    void apply(Map<String, Object> body) {
        if (!remove.isEmpty()) body.keySet().removeAll(remove);
        if (!allow.isEmpty()) body.keySet().retainAll(allow);
        for (Map.Entry<String, String> r : records) RecordOrder.putLast(body, r.getKey(), r.getValue());
        if (uuidKey != null) RecordOrder.putLast(body, uuidKey, UUID.randomUUID().toString());
    }
}
