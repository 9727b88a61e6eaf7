package io.tributary.parser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code Format regex}: the named groups of the first match become fields, in the order the groups appear. A
 * group that took no part in the match is left out; an empty one too unless {@code Skip_Empty_Values Off}.
 */
final class RegexFormatParser extends FormatParser {
    private final OnigmoPattern regex;
    private final boolean skipEmpty;

    RegexFormatParser(ParserSettings settings, OnigmoPattern regex) {
        super(settings);
        this.regex = regex;
        this.skipEmpty = settings.skipEmptyValues();
    }

    OnigmoPattern regex() { return regex; }

    @Override Map<String, Object> fields(String text) {
        Matcher m = regex.matcher(text);
        if (!m.find()) return null;
        int names = regex.nameCount();
        Map<String, Object> out = new LinkedHashMap<>(names * 2);
        for (int i = 0; i < names; i++) {
            int g = regex.group(i);
            int start = m.start(g);
            if (start < 0) continue;
            int end = m.end(g);
            if (end == start && skipEmpty) continue;
            String name = regex.name(i);
            if (out.containsKey(name)) continue;   // duplicate names: the first group that matched wins
            out.put(name, text.substring(start, end));
        }
        return out;
    }
}
