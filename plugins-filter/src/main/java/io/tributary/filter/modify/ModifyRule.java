package io.tributary.filter.modify;

import io.tributary.filter.RecordOrder;
import io.tributary.parser.OnigmoPattern;
import io.tributary.record.LogEvent;

import java.util.Map;

/**
 * One rule of the modify filter. Rules act on top-level keys, named literally (Fluent Bit does not apply record
 * accessors here). Where a key lands follows Fluent Bit: Set, Add and Hard_copy's replaced key go last; Copy
 * and Hard_copy put the copy first; Rename and Hard_rename keep the key's position.
 */
sealed interface ModifyRule {
    void apply(LogEvent event);

    record Set(String key, String value) implements ModifyRule {
        public void apply(LogEvent e) { RecordOrder.putLast(e.body(), key, value); }
    }

    record Add(String key, String value) implements ModifyRule {
        public void apply(LogEvent e) { if (!e.body().containsKey(key)) e.body().put(key, value); }
    }

    record Remove(String key) implements ModifyRule {
        public void apply(LogEvent e) { e.body().remove(key); }
    }

    /** Keys that start with the text as written (a trailing '*' is taken literally, as Fluent Bit does). */
    record RemoveWildcard(String prefix) implements ModifyRule {
        public void apply(LogEvent e) { e.body().keySet().removeIf(k -> k.startsWith(prefix)); }
    }

    record RemoveRegex(OnigmoPattern regex) implements ModifyRule {
        public void apply(LogEvent e) { e.body().keySet().removeIf(regex::find); }
    }

    record Rename(String from, String to, boolean hard) implements ModifyRule {
        public void apply(LogEvent e) {
            Map<String, Object> body = e.body();
            if (!body.containsKey(from) || from.equals(to)) return;
            if (!hard && body.containsKey(to)) return;
            RecordOrder.renameInPlace(e, from, to);
        }
    }

    record Copy(String from, String to, boolean hard) implements ModifyRule {
        public void apply(LogEvent e) {
            Map<String, Object> body = e.body();
            if (!body.containsKey(from)) return;
            if (!hard && body.containsKey(to)) return;
            RecordOrder.putFirst(e, to, body.get(from));
        }
    }

    record MoveToStart(String key) implements ModifyRule {
        public void apply(LogEvent e) {
            if (e.body().containsKey(key)) RecordOrder.putFirst(e, key, e.body().get(key));
        }
    }

    record MoveToEnd(String key) implements ModifyRule {
        public void apply(LogEvent e) {
            Map<String, Object> body = e.body();
            if (body.containsKey(key)) RecordOrder.putLast(body, key, body.get(key));
        }
    }
}
