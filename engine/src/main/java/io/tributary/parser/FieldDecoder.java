package io.tributary.parser;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code Decode_Field} or {@code Decode_Field_As} line of a parser: {@code Decode_Field_As escaped log do_next}.
 * As in Fluent Bit, {@code Decode_Field} merges a decoded JSON map into the record (the original key stays) and
 * {@code Decode_Field_As} replaces the key's value with what was decoded. {@code do_next} runs the parser's next
 * decoder line on the same key; without it, the first decoder that changes a key is the last one for it.
 */
public record FieldDecoder(Kind kind, String key, boolean replace, boolean doNext) {
    public enum Kind { JSON, ESCAPED, ESCAPED_UTF8, MYSQL_QUOTED }

    /** Parses the value of a Decode_Field(_As) line; throws IllegalArgumentException naming what is wrong. */
    public static FieldDecoder parse(String value, boolean replace) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected 'DECODER KEY [do_next]', got '" + value + "'");
        }
        Kind kind = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "json" -> Kind.JSON;
            case "escaped" -> Kind.ESCAPED;
            case "escaped_utf8" -> Kind.ESCAPED_UTF8;
            case "mysql_quoted" -> Kind.MYSQL_QUOTED;
            default -> throw new IllegalArgumentException("unknown decoder '" + parts[0]
                    + "' (json, escaped, escaped_utf8, mysql_quoted)");
        };
        boolean next = false;
        if (parts.length == 3) {
            if (!parts[2].equalsIgnoreCase("do_next")) {
                throw new IllegalArgumentException("unknown decoder option '" + parts[2] + "' (do_next)");
            }
            next = true;
        }
        return new FieldDecoder(kind, parts[1], replace, next);
    }

    /** Applies a parser's decoders, in order, to a freshly parsed record. */
    public static void applyAll(List<FieldDecoder> decoders, Map<String, Object> fields) {
        String doneKey = null;
        boolean chained = false;
        for (FieldDecoder d : decoders) {
            if (d.key.equals(doneKey) && !chained) continue;
            boolean changed = d.apply(fields);
            if (changed) {
                doneKey = d.key;
                chained = d.doNext;
            }
        }
    }

    /** Returns true when the record changed. */
    boolean apply(Map<String, Object> fields) {
        if (!(fields.get(key) instanceof String text)) return false;
        switch (kind) {
            case JSON -> {
                Object decoded;
                try {
                    decoded = JsonText.parse(text);
                } catch (JsonText.JsonSyntaxException e) {
                    return false;
                }
                if (!(decoded instanceof Map<?, ?> || decoded instanceof List<?>)) return false;
                if (replace) {
                    fields.put(key, decoded);
                } else if (decoded instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        String k = String.valueOf(e.getKey());
                        fields.remove(k);
                        fields.put(k, e.getValue());
                    }
                } else {
                    return false;
                }
                return true;
            }
            case ESCAPED, ESCAPED_UTF8 -> {
                String out = unescape(text, kind == Kind.ESCAPED_UTF8);
                if (out.equals(text)) return false;
                fields.put(key, out);
                return true;
            }
            default -> {
                String out = mysqlUnquote(text);
                if (out.equals(text)) return false;
                fields.put(key, out);
                return true;
            }
        }
    }

    /**
     * Undoes backslash escaping. {@code \n \t \r \b \f \a \v \\ \" \/} become their characters; with
     * {@code utf8} a {@code \}{@code uXXXX} sequence becomes its character. Any other escaped character loses
     * its backslash (Fluent Bit's "escaped" decoder turns {@code \}{@code u00e9} into {@code u00e9}).
     */
    static String unescape(String s, boolean utf8) {
        int bs = s.indexOf('\\');
        if (bs < 0) return s;
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, bs);
        int n = s.length();
        for (int i = bs; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) { sb.append(c); continue; }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'a' -> sb.append('\u0007');
                case 'v' -> sb.append('\u000b');
                case 'u' -> {
                    if (utf8 && isHex4(s, i + 1)) {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        sb.append('u');
                    }
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    private static boolean isHex4(String s, int from) {
        if (from + 4 > s.length()) return false;
        for (int i = from; i < from + 4; i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
        return true;
    }

    static String mysqlUnquote(String s) {
        if (s.length() < 2) return s;
        char q = s.charAt(0);
        if ((q != '\'' && q != '"') || s.charAt(s.length() - 1) != q) return s;
        return unescape(s.substring(1, s.length() - 1), false);
    }
}
