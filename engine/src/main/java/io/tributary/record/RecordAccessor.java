package io.tributary.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A path into a record body in Fluent Bit's record accessor syntax: {@code $log}, {@code $log['level']},
 * {@code $kubernetes['labels']['app']}, {@code $items[0]}, or a plain top-level key such as {@code log}
 * (a plain key is taken literally, brackets and all). Parsed once; {@link #get}, {@link #set} and
 * {@link #remove} then walk the maps without allocating. Immutable and thread-safe.
 */
public final class RecordAccessor {
    private final String expression;
    /** Each step is a String (map key) or an Integer (list index). */
    private final Object[] path;

    private RecordAccessor(String expression, Object[] path) {
        this.expression = expression;
        this.path = path;
    }

    /** A plain top-level key, taken literally. */
    public static RecordAccessor key(String key) {
        return new RecordAccessor(Objects.requireNonNull(key, "key"), new Object[] {key});
    }

    /**
     * Parses {@code $name['a']["b"][0]} or a plain key (anything not starting with {@code $}).
     * @throws IllegalArgumentException naming the position of a syntax error
     */
    public static RecordAccessor parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.length() < 2 || expression.charAt(0) != '$') {
            if (expression.isEmpty()) throw new IllegalArgumentException("empty record key");
            return key(expression);
        }
        List<Object> steps = new ArrayList<>(4);
        int i = 1;
        int n = expression.length();
        int nameEnd = expression.indexOf('[', i);
        if (nameEnd < 0) nameEnd = n;
        if (nameEnd == i) throw new IllegalArgumentException("record accessor '" + expression + "': missing key name after '$'");
        steps.add(expression.substring(i, nameEnd));
        i = nameEnd;
        while (i < n) {
            if (expression.charAt(i) != '[') {
                throw new IllegalArgumentException("record accessor '" + expression + "': expected '[' at position " + i);
            }
            i++;
            if (i >= n) throw new IllegalArgumentException("record accessor '" + expression + "': unterminated '['");
            char q = expression.charAt(i);
            if (q == '\'' || q == '"') {
                int close = expression.indexOf(q, i + 1);
                if (close < 0 || close + 1 >= n || expression.charAt(close + 1) != ']') {
                    throw new IllegalArgumentException("record accessor '" + expression + "': unterminated key at position " + i);
                }
                steps.add(expression.substring(i + 1, close));
                i = close + 2;
            } else {
                int close = expression.indexOf(']', i);
                if (close < 0) throw new IllegalArgumentException("record accessor '" + expression + "': unterminated '['");
                String index = expression.substring(i, close).trim();
                try {
                    steps.add(Integer.parseInt(index));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("record accessor '" + expression + "': '" + index
                            + "' is neither a quoted key nor an array index");
                }
                i = close + 1;
            }
        }
        return new RecordAccessor(expression, steps.toArray());
    }

    /** The expression as written. */
    public String expression() { return expression; }

    /** The top-level key the path starts at. */
    public String rootKey() { return (String) path[0]; }

    /** Whether the path is a single top-level key. */
    public boolean isTopLevel() { return path.length == 1; }

    /** The value at the path, or null when any step is missing (or the value is null). */
    public Object get(Map<String, Object> body) {
        Object current = body;
        for (Object step : path) {
            current = step(current, step);
            if (current == null) return null;
        }
        return current;
    }

    /** Whether the path leads to a key that exists (its value may be null). */
    public boolean exists(Map<String, Object> body) {
        Object parent = parent(body);
        Object last = path[path.length - 1];
        if (last instanceof String k) return parent instanceof Map<?, ?> m && m.containsKey(k);
        return parent instanceof List<?> l && index(l, (Integer) last) >= 0;
    }

    /** The value at the path if it is a String, else null. */
    public String getString(Map<String, Object> body) {
        return get(body) instanceof String s ? s : null;
    }

    /**
     * Sets the value, creating missing intermediate maps. A step that meets a non-map (or an index out of range)
     * makes this return false and change nothing. An existing key is replaced in place.
     */
    @SuppressWarnings("unchecked")
    public boolean set(Map<String, Object> body, Object value) {
        Object current = body;
        for (int i = 0; i < path.length - 1; i++) {
            Object step = path[i];
            Object next = step(current, step);
            if (next == null) {
                if (!(current instanceof Map<?, ?>) || !(step instanceof String k)) return false;
                next = new LinkedHashMap<String, Object>();
                ((Map<String, Object>) current).put(k, next);
            }
            current = next;
        }
        Object last = path[path.length - 1];
        if (last instanceof String k && current instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(k, value);
            return true;
        }
        if (last instanceof Integer idx && current instanceof List<?> l) {
            int at = index(l, idx);
            if (at < 0) return false;
            ((List<Object>) l).set(at, value);
            return true;
        }
        return false;
    }

    /** Removes the key (or list element) at the path; returns the removed value or null. */
    public Object remove(Map<String, Object> body) {
        Object parent = parent(body);
        Object last = path[path.length - 1];
        if (last instanceof String k && parent instanceof Map<?, ?> m) return m.remove(k);
        if (last instanceof Integer idx && parent instanceof List<?> l) {
            int at = index(l, idx);
            return at < 0 ? null : l.remove(at);
        }
        return null;
    }

    private Object parent(Map<String, Object> body) {
        Object current = body;
        for (int i = 0; i < path.length - 1; i++) {
            current = step(current, path[i]);
            if (current == null) return null;
        }
        return current;
    }

    private static Object step(Object current, Object step) {
        if (step instanceof String k) return current instanceof Map<?, ?> m ? m.get(k) : null;
        if (current instanceof List<?> l) {
            int at = index(l, (Integer) step);
            return at < 0 ? null : l.get(at);
        }
        return null;
    }

    private static int index(List<?> l, int idx) {
        return idx >= 0 && idx < l.size() ? idx : -1;
    }

    @Override public String toString() { return expression; }

    @Override public boolean equals(Object o) {
        return o instanceof RecordAccessor r && r.expression.equals(expression);
    }

    @Override public int hashCode() { return expression.hashCode(); }
}
