package io.tributary.filter.rewrite_tag;

import io.tributary.record.RecordAccessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The new-tag part of a rewrite_tag rule: literal text with {@code $TAG} (the whole tag), {@code $TAG[n]} (the
 * n-th dot-separated part), {@code $0}..{@code $9} (the rule regex's groups) and record accessors such as
 * {@code $kubernetes['namespace_name']}. A missing value becomes empty text. Parsed once; immutable.
 */
final class TagTemplate {
    private sealed interface Part permits Literal, WholeTag, TagPart, Group, Field {}
    private record Literal(String text) implements Part {}
    private record WholeTag() implements Part {}
    private record TagPart(int index) implements Part {}
    private record Group(int index) implements Part {}
    private record Field(RecordAccessor accessor) implements Part {}

    private final String source;
    private final Part[] parts;

    private TagTemplate(String source, Part[] parts) {
        this.source = source;
        this.parts = parts;
    }

    static TagTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= n) { lit.append(c); i++; continue; }
            if (!lit.isEmpty()) { parts.add(new Literal(lit.toString())); lit.setLength(0); }
            char next = text.charAt(i + 1);
            if (Character.isDigit(next)) {
                parts.add(new Group(next - '0'));
                i += 2;
                continue;
            }
            if (text.startsWith("TAG", i + 1) && (i + 4 >= n || !isNameChar(text.charAt(i + 4)))) {
                int j = i + 4;
                if (j < n && text.charAt(j) == '[') {
                    int close = text.indexOf(']', j);
                    if (close < 0) throw new IllegalArgumentException("unterminated $TAG[ in '" + text + "'");
                    try {
                        parts.add(new TagPart(Integer.parseInt(text.substring(j + 1, close).trim())));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("$TAG[...] needs a number in '" + text + "'");
                    }
                    i = close + 1;
                } else {
                    parts.add(new WholeTag());
                    i = j;
                }
                continue;
            }
            int j = i + 1;
            while (j < n && isNameChar(text.charAt(j))) j++;
            while (j < n && text.charAt(j) == '[') {
                int close = text.indexOf(']', j);
                if (close < 0) throw new IllegalArgumentException("unterminated '[' in '" + text + "'");
                j = close + 1;
            }
            if (j == i + 1) { lit.append('$'); i++; continue; }
            parts.add(new Field(RecordAccessor.parse(text.substring(i, j))));
            i = j;
        }
        if (!lit.isEmpty()) parts.add(new Literal(lit.toString()));
        return new TagTemplate(text, parts.toArray(new Part[0]));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    String render(String tag, Matcher groups, Map<String, Object> body) {
        StringBuilder sb = new StringBuilder(32);
        for (Part p : parts) {
            switch (p) {
                case Literal l -> sb.append(l.text());
                case WholeTag w -> sb.append(tag);
                case TagPart t -> {
                    String[] split = tag.split("\\.", -1);
                    if (t.index() >= 0 && t.index() < split.length) sb.append(split[t.index()]);
                }
                case Group g -> {
                    if (groups != null && g.index() <= groups.groupCount() && groups.group(g.index()) != null) sb.append(groups.group(g.index()));
                }
                case Field f -> {
                    Object v = f.accessor().get(body);
                    if (v instanceof String || v instanceof Number || v instanceof Boolean) sb.append(v);
                }
            }
        }
        return sb.toString();
    }

    @Override public String toString() { return source; }
}
