package io.tributary.input.support;

import io.tributary.record.EventTime;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a {@code [PARSER] Format regex} until the engine's parser registry exists: named groups become
 * string fields; {@code timeKey}, when given, is read as an ISO-8601 offset time into the event time (kept).
 */
public record RegexTestParser(String name, Pattern pattern, String timeKey) implements Parser {
    public static RegexTestParser of(String name, String regex, String timeKey) {
        return new RegexTestParser(name, Pattern.compile(regex, Pattern.DOTALL), timeKey);
    }

    @Override public Optional<ParsedRecord> parse(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) return Optional.empty();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String group : m.namedGroups().keySet().stream().sorted((a, b) -> m.namedGroups().get(a) - m.namedGroups().get(b)).toList()) {
            String v = m.group(group);
            if (v != null && !v.isEmpty()) fields.put(group, v);
        }
        EventTime time = null;
        if (timeKey != null && fields.get(timeKey) instanceof String t) {
            try {
                time = EventTime.ofInstant(OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (RuntimeException ignored) {
                // no time: the input uses the receive time
            }
        }
        return Optional.of(new ParsedRecord(fields, time));
    }
}
