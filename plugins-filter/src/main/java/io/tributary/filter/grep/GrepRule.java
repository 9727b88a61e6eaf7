package io.tributary.filter.grep;

import io.tributary.parser.OnigmoPattern;
import io.tributary.record.RecordAccessor;

import java.util.Map;

/** One {@code Regex KEY REGEX} or {@code Exclude KEY REGEX} line. */
record GrepRule(boolean exclude, RecordAccessor key, OnigmoPattern regex) {
    /** Whether the key's value is a string the regex finds a match in; a missing or non-string value never matches. */
    boolean matches(Map<String, Object> body) {
        Object v = key.get(body);
        if (v instanceof String s) return regex.find(s);
        if (v instanceof byte[] b) return regex.find(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        return false;
    }
}
