package io.tributary.parser;

import io.tributary.record.EventTime;

import java.time.ZoneId;
import java.util.Map;

/**
 * A parser's time settings: which field holds the time ({@code Time_Key}, default {@code time}), its format
 * ({@code Time_Format}), whether the field stays in the record ({@code Time_Keep}), and the zone for times
 * without one ({@code Time_Offset} such as {@code +0900}, or {@code Time_System_Timezone}; UTC otherwise).
 * As in Fluent Bit, the field is removed (unless kept) even when its text does not fit the format, the record
 * then keeping its original time, and a warning names the text.
 */
record TimeExtraction(String key, TimeFormat format, boolean keep, ZoneId zone) {
    /** Finds, parses and (unless kept) removes the time field. Returns null when there is none or it is bad. */
    EventTime extract(Map<String, Object> fields, String parserName, BurstLog failures) {
        if (format == null) return null;
        Object v = fields.get(key);
        if (v == null) return null;
        EventTime t = null;
        if (v instanceof String s) {
            t = format.parse(s, zone);
            if (t == null) failures.warn("parser '" + parserName + "': cannot parse time '" + s + "' with format '" + format.pattern() + "'");
        } else if (v instanceof Number num && format.pattern().equals("%s")) {
            t = EventTime.ofDouble(num.doubleValue());
        } else {
            failures.warn("parser '" + parserName + "': time field '" + key + "' is not a string");
        }
        if (!keep) fields.remove(key);
        return t;
    }

    /** Parses {@code +0900}, {@code -06:00}, {@code Z}. */
    static java.time.ZoneOffset parseOffset(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("Z") || s.equalsIgnoreCase("UTC")) return java.time.ZoneOffset.UTC;
        if (s.length() < 3 || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
            throw new IllegalArgumentException("Time_Offset '" + text + "' is not +HHMM or -HHMM");
        }
        String digits = s.substring(1).replace(":", "");
        if (!digits.matches("\\d{2}|\\d{4}")) throw new IllegalArgumentException("Time_Offset '" + text + "' is not +HHMM or -HHMM");
        int hh = Integer.parseInt(digits.substring(0, 2));
        int mm = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
        if (hh > 18 || mm > 59) throw new IllegalArgumentException("Time_Offset '" + text + "' is out of range");
        int sign = s.charAt(0) == '-' ? -1 : 1;
        return java.time.ZoneOffset.ofTotalSeconds(sign * (hh * 3600 + mm * 60));
    }
}
