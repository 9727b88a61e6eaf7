package io.tributary.parser;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parser's {@code Types key:type ...}: converts string fields to integer, float, bool, hex or string, as
 * Fluent Bit does for the regex, logfmt and ltsv formats (its json format ignores Types, and so do we). A value
 * that does not convert stays as it was.
 */
public final class FieldTypes {
    public enum Type { INTEGER, FLOAT, BOOL, HEX, STRING }

    private final Map<String, Type> types;

    private FieldTypes(Map<String, Type> types) { this.types = types; }

    public static final FieldTypes NONE = new FieldTypes(Map.of());

    /** Parses {@code "code:integer size:integer"}; throws IllegalArgumentException naming a bad entry. */
    public static FieldTypes parse(String spec) {
        Map<String, Type> map = new LinkedHashMap<>();
        for (String item : spec.trim().split("\\s+")) {
            if (item.isEmpty()) continue;
            int colon = item.lastIndexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new IllegalArgumentException("Types entry '" + item + "' is not key:type");
            }
            String type = item.substring(colon + 1).toLowerCase(Locale.ROOT);
            Type t = switch (type) {
                case "integer", "int" -> Type.INTEGER;
                case "float", "double" -> Type.FLOAT;
                case "bool", "boolean" -> Type.BOOL;
                case "hex" -> Type.HEX;
                case "string" -> Type.STRING;
                default -> throw new IllegalArgumentException("Types entry '" + item
                        + "': unknown type '" + type + "' (integer, float, bool, hex, string)");
            };
            map.put(item.substring(0, colon), t);
        }
        return new FieldTypes(Map.copyOf(map));
    }

    public boolean isEmpty() { return types.isEmpty(); }

    /** Converts the typed fields of a freshly parsed record in place. */
    public void apply(Map<String, Object> fields) {
        if (types.isEmpty()) return;
        for (Map.Entry<String, Type> t : types.entrySet()) {
            Object v = fields.get(t.getKey());
            if (v == null) continue;
            Object converted = convert(v, t.getValue());
            if (converted != v) fields.put(t.getKey(), converted);
        }
    }

    static Object convert(Object v, Type type) {
        if (type == Type.STRING) return v instanceof String ? v : String.valueOf(v);
        if (!(v instanceof String s)) return v;
        String text = s.trim();
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(text);
                case FLOAT -> Double.parseDouble(text);
                case BOOL -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("on") || text.equalsIgnoreCase("yes") || text.equals("1");
                case HEX -> Long.parseUnsignedLong(text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text, 16);
                default -> v;
            };
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
