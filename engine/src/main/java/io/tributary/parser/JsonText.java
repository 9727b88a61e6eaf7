package io.tributary.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes JSON text (RFC 8259) into the plain values records use: Map (insertion order kept), List, String,
 * Long (integers that fit), Double, Boolean, null. Written for the json parser's hot path: one pass over the
 * chars, strings without escapes are a single substring. Nesting is capped so hostile input can't exhaust the
 * stack. Not thread-safe; {@link #parse(String)} makes a new instance.
 */
public final class JsonText {
    private static final int MAX_DEPTH = 256;

    private final String s;
    private final int end;
    private int pos;

    private JsonText(String s, int start, int end) {
        this.s = s;
        this.pos = start;
        this.end = end;
    }

    /** Parses one JSON value; surrounding whitespace is allowed. */
    public static Object parse(String text) throws JsonSyntaxException {
        JsonText p = new JsonText(text, 0, text.length());
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != p.end) throw p.error("unexpected text after the value");
        return v;
    }

    /** Parses a JSON object; returns null when the text is not one (without throwing). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObjectOrNull(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) i++;
        if (i >= n || text.charAt(i) != '{') return null;
        try {
            return parse(text) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    /** A JSON syntax error with its position. */
    public static final class JsonSyntaxException extends Exception {
        public JsonSyntaxException(String message) { super(message); }
    }

    private JsonSyntaxException error(String what) {
        return new JsonSyntaxException("invalid JSON at position " + pos + ": " + what);
    }

    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    private void skipSpace() { while (pos < end && isSpace(s.charAt(pos))) pos++; }

    private Object value(int depth) throws JsonSyntaxException {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        if (pos >= end) throw error("unexpected end");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Object literal(String word, Object v) throws JsonSyntaxException {
        if (!s.startsWith(word, pos)) throw error("expected " + word);
        pos += word.length();
        return v;
    }

    private Map<String, Object> object(int depth) throws JsonSyntaxException {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (pos < end && s.charAt(pos) == '}') { pos++; return map; }
        while (true) {
            skipSpace();
            if (pos >= end || s.charAt(pos) != '"') throw error("expected a string key");
            String key = string();
            skipSpace();
            if (pos >= end || s.charAt(pos) != ':') throw error("expected ':'");
            pos++;
            skipSpace();
            Object v = value(depth + 1);
            // Duplicate keys: the last one wins and moves to the end, as records elsewhere behave.
            if (map.containsKey(key)) map.remove(key);
            map.put(key, v);
            skipSpace();
            if (pos >= end) throw error("unterminated object");
            char c = s.charAt(pos++);
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws JsonSyntaxException {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (pos < end && s.charAt(pos) == ']') { pos++; return list; }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            if (pos >= end) throw error("unterminated array");
            char c = s.charAt(pos++);
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() throws JsonSyntaxException {
        int start = ++pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') return s.substring(start, pos++);
            if (c == '\\') break;
            pos++;
        }
        if (pos >= end) throw error("unterminated string");
        StringBuilder sb = new StringBuilder(pos - start + 16).append(s, start, pos);
        while (pos < end) {
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') { sb.append(c); continue; }
            if (pos >= end) break;
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > end) throw error("short \\u escape");
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(pos++), 16);
                        if (d < 0) throw error("bad \\u escape");
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
        throw error("unterminated string");
    }

    private Object number() throws JsonSyntaxException {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        boolean integral = true;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c >= '0' && c <= '9') { pos++; continue; }
            if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { integral = false; pos++; continue; }
            break;
        }
        String text = s.substring(start, pos);
        try {
            if (integral && pos - start <= 18) return Long.parseLong(text);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(text);
                }
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("bad number '" + text + "'");
        }
    }
}
