package io.tributary.filter.modify;

import io.tributary.parser.OnigmoPattern;
import io.tributary.record.RecordAccessor;

import java.util.Map;

/**
 * One {@code Condition} line. Keys may be record accessors ({@code $kubernetes['labels']['app']}). Value tests
 * look at string values only: a number never equals or matches, and the {@code does_not} forms are true for it,
 * but every {@code Key_value_*} form is false when the key is missing (Fluent Bit's behaviour).
 */
sealed interface ModifyCondition {
    boolean test(Map<String, Object> body);

    record KeyExists(RecordAccessor key) implements ModifyCondition {
        public boolean test(Map<String, Object> body) { return key.exists(body); }
    }

    record KeyDoesNotExist(RecordAccessor key) implements ModifyCondition {
        public boolean test(Map<String, Object> body) { return !key.exists(body); }
    }

    record AKeyMatches(OnigmoPattern regex) implements ModifyCondition {
        public boolean test(Map<String, Object> body) {
            for (String k : body.keySet()) if (regex.find(k)) return true;
            return false;
        }
    }

    record NoKeyMatches(OnigmoPattern regex) implements ModifyCondition {
        public boolean test(Map<String, Object> body) {
            for (String k : body.keySet()) if (regex.find(k)) return false;
            return true;
        }
    }

    record KeyValueEquals(RecordAccessor key, String value, boolean negate) implements ModifyCondition {
        public boolean test(Map<String, Object> body) {
            if (!key.exists(body)) return false;
            boolean equal = key.get(body) instanceof String s && s.equals(value);
            return equal != negate;
        }
    }

    record KeyValueMatches(RecordAccessor key, OnigmoPattern regex, boolean negate) implements ModifyCondition {
        public boolean test(Map<String, Object> body) {
            if (!key.exists(body)) return false;
            boolean matches = key.get(body) instanceof String s && regex.find(s);
            return matches != negate;
        }
    }

    /** Every key matching {@code keys} has a string value matching {@code values} (true when no key matches). */
    record MatchingKeysHaveMatchingValues(OnigmoPattern keys, OnigmoPattern values, boolean negate) implements ModifyCondition {
        public boolean test(Map<String, Object> body) {
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (!keys.find(e.getKey())) continue;
                boolean matches = e.getValue() instanceof String s && values.find(s);
                if (matches == negate) return false;
            }
            return true;
        }
    }
}
