package io.tributary.parser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code Format logfmt}: {@code key=value key2="quoted \" value" flag}. As Fluent Bit: values stay strings
 * (use Types), a bare key or a key with an empty value becomes {@code true} (with {@code Logfmt_No_Bare_Keys On}
 * a bare key makes the message not match), and a message with no pair at all does not match.
 */
final class LogfmtFormatParser extends FormatParser {
    private final boolean noBareKeys;

    LogfmtFormatParser(ParserSettings settings, boolean noBareKeys) {
        super(settings);
        this.noBareKeys = noBareKeys;
    }

    @Override Map<String, Object> fields(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && text.charAt(i) <= ' ') i++;
            if (i >= n) break;
            int keyStart = i;
            while (i < n && text.charAt(i) > ' ' && text.charAt(i) != '=' && text.charAt(i) != '"') i++;
            if (i == keyStart) return null;   // a stray quote or '=' where a key should start
            String key = text.substring(keyStart, i);
            if (i >= n || text.charAt(i) != '=') {
                if (noBareKeys) return null;   // Logfmt_No_Bare_Keys: a word without '=' means this is not logfmt
                out.put(key, Boolean.TRUE);
                continue;
            }
            i++;
            if (i < n && text.charAt(i) == '"') {
                i++;
                StringBuilder sb = null;
                int start = i;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        if (sb == null) sb = new StringBuilder().append(text, start, i);
                        char e = text.charAt(i + 1);
                        sb.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; case 'r' -> '\r'; default -> e; });
                        i += 2;
                        continue;
                    }
                    if (sb != null) sb.append(text.charAt(i));
                    i++;
                }
                if (i >= n) return null;   // unterminated quote
                out.put(key, sb != null ? sb.toString() : text.substring(start, i));
                i++;
            } else {
                int start = i;
                while (i < n && text.charAt(i) > ' ') i++;
                out.put(key, i == start ? Boolean.TRUE : text.substring(start, i));
            }
        }
        return out.isEmpty() ? null : out;
    }
}
