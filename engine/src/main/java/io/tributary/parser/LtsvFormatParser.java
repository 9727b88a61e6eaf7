package io.tributary.parser;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code Format ltsv}: tab-separated {@code label:value} pairs (http://ltsv.org). Empty values are kept. */
final class LtsvFormatParser extends FormatParser {
    LtsvFormatParser(ParserSettings settings) { super(settings); }

    @Override Map<String, Object> fields(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = text.length();
        if (n > 0 && text.charAt(n - 1) == '\n') n--;
        if (n > 0 && text.charAt(n - 1) == '\r') n--;
        int i = 0;
        while (i < n) {
            int tab = text.indexOf('\t', i);
            if (tab < 0 || tab > n) tab = n;
            int colon = text.indexOf(':', i);
            if (colon < 0 || colon >= tab || colon == i) return null;
            out.put(text.substring(i, colon), text.substring(colon + 1, tab));
            i = tab + 1;
        }
        return out.isEmpty() ? null : out;
    }
}
