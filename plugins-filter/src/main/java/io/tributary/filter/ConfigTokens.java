package io.tributary.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter option's value into words the way Fluent Bit does for {@code Set key value},
 * {@code Record key value} and {@code Condition ...}: whitespace separates, and "double" or 'single' quotes
 * keep spaces inside one word (the quotes are dropped; a backslash escapes a quote inside them).
 */
public final class ConfigTokens {
    private ConfigTokens() {}

    public static List<String> split(String value) {
        List<String> out = new ArrayList<>(3);
        int n = value.length();
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            StringBuilder sb = new StringBuilder();
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && value.charAt(j) != c) {
                    if (value.charAt(j) == '\\' && j + 1 < n && value.charAt(j + 1) == c) { sb.append(c); j += 2; continue; }
                    sb.append(value.charAt(j++));
                }
                out.add(sb.toString());
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(value.charAt(j))) j++;
                out.add(value.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /** The first word and the rest of the line, trimmed ({@code Regex key  ^a b$}); null when there is no rest. */
    public static String[] keyAndRest(String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && !Character.isWhitespace(v.charAt(i))) i++;
        if (i >= v.length()) return null;
        String rest = v.substring(i).trim();
        return rest.isEmpty() ? null : new String[] {v.substring(0, i), rest};
    }
}
