package io.tributary.filter.parser;

import io.tributary.filter.RecordOrder;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses one field with the first parser that matches and replaces the record with what it found. Stateless;
 * parsers are thread-safe.
 */
final class ParserFilter implements FilterPlugin {
    private final String key;
    private final Parser[] parsers;
    private final boolean reserveData;
    private final boolean preserveKey;
    private final boolean unescape;

    ParserFilter(String key, List<Parser> parsers, boolean reserveData, boolean preserveKey, boolean unescape) {
        this.key = key;
        this.parsers = parsers.toArray(new Parser[0]);
        this.reserveData = reserveData;
        this.preserveKey = preserveKey;
        this.unescape = unescape;
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        for (int i = 0, n = events.size(); i < n; i++) apply(events.get(i));
    }

    void apply(LogEvent event) {
        Map<String, Object> body = event.body();
        Object v = body.get(key);
        String text;
        if (v instanceof String s) text = s;
        else if (v instanceof byte[] b) text = new String(b, StandardCharsets.UTF_8);
        else return;
        if (unescape) text = unescape(text);
        ParsedRecord parsed = null;
        for (Parser p : parsers) {
            Optional<ParsedRecord> r = p.parse(text);
            if (r.isPresent()) { parsed = r.get(); break; }
        }
        if (parsed == null) return;
        Map<String, Object> out = parsed.fields() instanceof LinkedHashMap<String, Object> m ? m : new LinkedHashMap<>(parsed.fields());
        if (reserveData) {
            // The original fields follow the parsed ones; one of the same name wins (Fluent Bit writes both and
            // consumers keep the last).
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (e.getKey().equals(key) && !preserveKey) continue;
                RecordOrder.putLast(out, e.getKey(), e.getValue());
            }
        } else if (preserveKey) {
            RecordOrder.putLast(out, key, v);
        }
        event.body(out);
        if (parsed.time() != null) event.time(parsed.time());
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) { sb.append(c); continue; }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                default -> sb.append('\\').append(e);
            }
        }
        return sb.toString();
    }
}
