package io.tributary.parser;

import io.tributary.record.EventTime;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strftime pattern compiled once for parsing, as Fluent Bit's {@code Time_Format} uses it (strptime plus
 * {@code %L}, fractional seconds of any length). Supported: {@code %Y %y %m %d %e %H %k %I %l %M %S %L %f %N
 * %z %Z %b %h %B %a %A %p %j %s %T %D %F %R %n %t %%}. As strptime, numbers may have fewer digits than their
 * width, whitespace in the pattern matches any run of whitespace (also none), and text after the last directive
 * is ignored. A pattern without a year takes the current year; an out-of-range day rolls over as timegm does
 * (Feb 30 is Mar 2). Unlike strptime, {@code .%L} is optional: a text with whole seconds parses with a zero
 * fraction instead of failing. Immutable and thread-safe; {@link #parse} allocates only the result.
 */
public final class TimeFormat {
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

    private enum Kind { LITERAL, SPACE, YEAR, YEAR2, MONTH, DAY, HOUR, HOUR12, MINUTE, SECOND, FRACTION, ZONE,
        ZONE_NAME, MONTH_NAME, DAY_NAME, AMPM, DAY_OF_YEAR, EPOCH }

    private record Step(Kind kind, char literal) {}

    private final String pattern;
    private final Step[] steps;
    private final boolean hasYear;
    private final boolean hasZone;

    private TimeFormat(String pattern, Step[] steps) {
        this.pattern = pattern;
        this.steps = steps;
        boolean year = false;
        boolean zone = false;
        for (Step s : steps) {
            if (s.kind == Kind.YEAR || s.kind == Kind.YEAR2 || s.kind == Kind.EPOCH) year = true;
            if (s.kind == Kind.ZONE || s.kind == Kind.ZONE_NAME || s.kind == Kind.EPOCH) zone = true;
        }
        this.hasYear = year;
        this.hasZone = zone;
    }

    /** Compiles a strftime pattern; throws IllegalArgumentException naming an unsupported directive. */
    public static TimeFormat compile(String pattern) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                steps.add(Character.isWhitespace(c) ? new Step(Kind.SPACE, ' ') : new Step(Kind.LITERAL, c));
                continue;
            }
            if (++i >= pattern.length()) throw new IllegalArgumentException("time format '" + pattern + "' ends with '%'");
            char d = pattern.charAt(i);
            // Modifiers %E and %O change nothing when parsing digits in the C locale.
            if ((d == 'E' || d == 'O') && i + 1 < pattern.length()) d = pattern.charAt(++i);
            switch (d) {
                case 'Y' -> steps.add(new Step(Kind.YEAR, d));
                case 'y' -> steps.add(new Step(Kind.YEAR2, d));
                case 'm' -> steps.add(new Step(Kind.MONTH, d));
                case 'd', 'e' -> steps.add(new Step(Kind.DAY, d));
                case 'H', 'k' -> steps.add(new Step(Kind.HOUR, d));
                case 'I', 'l' -> steps.add(new Step(Kind.HOUR12, d));
                case 'M' -> steps.add(new Step(Kind.MINUTE, d));
                case 'S' -> steps.add(new Step(Kind.SECOND, d));
                case 'L', 'f', 'N' -> steps.add(new Step(Kind.FRACTION, d));
                case 'z' -> steps.add(new Step(Kind.ZONE, d));
                case 'Z' -> steps.add(new Step(Kind.ZONE_NAME, d));
                case 'b', 'h', 'B' -> steps.add(new Step(Kind.MONTH_NAME, d));
                case 'a', 'A' -> steps.add(new Step(Kind.DAY_NAME, d));
                case 'p' -> steps.add(new Step(Kind.AMPM, d));
                case 'j' -> steps.add(new Step(Kind.DAY_OF_YEAR, d));
                case 's' -> steps.add(new Step(Kind.EPOCH, d));
                case 'T' -> { steps.add(new Step(Kind.HOUR, 'H')); steps.add(new Step(Kind.LITERAL, ':'));
                    steps.add(new Step(Kind.MINUTE, 'M')); steps.add(new Step(Kind.LITERAL, ':'));
                    steps.add(new Step(Kind.SECOND, 'S')); }
                case 'R' -> { steps.add(new Step(Kind.HOUR, 'H')); steps.add(new Step(Kind.LITERAL, ':'));
                    steps.add(new Step(Kind.MINUTE, 'M')); }
                case 'D' -> { steps.add(new Step(Kind.MONTH, 'm')); steps.add(new Step(Kind.LITERAL, '/'));
                    steps.add(new Step(Kind.DAY, 'd')); steps.add(new Step(Kind.LITERAL, '/'));
                    steps.add(new Step(Kind.YEAR2, 'y')); }
                case 'F' -> { steps.add(new Step(Kind.YEAR, 'Y')); steps.add(new Step(Kind.LITERAL, '-'));
                    steps.add(new Step(Kind.MONTH, 'm')); steps.add(new Step(Kind.LITERAL, '-'));
                    steps.add(new Step(Kind.DAY, 'd')); }
                case 'n', 't' -> steps.add(new Step(Kind.SPACE, ' '));
                case '%' -> steps.add(new Step(Kind.LITERAL, '%'));
                default -> throw new IllegalArgumentException("time format '" + pattern + "': unsupported directive %" + d);
            }
        }
        return new TimeFormat(pattern, steps.toArray(new Step[0]));
    }

    public String pattern() { return pattern; }

    /** Whether the pattern itself carries the zone (%z, %Z or %s), so Time_Offset does not apply. */
    public boolean hasZone() { return hasZone; }

    /**
     * Parses {@code text}. Without a zone in the text, the time is taken in {@code zone} (Time_Offset or the
     * system zone; UTC by default). Returns null when the text does not fit the pattern.
     */
    public EventTime parse(CharSequence text, ZoneId zone) {
        int pos = 0;
        int n = text.length();
        int year = -1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, dayOfYear = -1;
        int pm = -1;
        boolean hour12 = false;
        Integer offsetSeconds = null;
        long epoch = Long.MIN_VALUE;
        for (int si = 0; si < steps.length; si++) {
            Step step = steps[si];
            switch (step.kind) {
                case LITERAL -> {
                    if (pos >= n || text.charAt(pos) != step.literal) {
                        // "%S.%L" with no fraction in the text: the fraction is optional (RFC 3339 and 5424
                        // allow seconds alone), so skip both steps instead of failing the whole time.
                        if (step.literal == '.' && si + 1 < steps.length && steps[si + 1].kind == Kind.FRACTION
                                && (pos >= n || !isDigit(text.charAt(pos)))) {
                            si++;
                            break;
                        }
                        return null;
                    }
                    pos++;
                }
                case SPACE -> { while (pos < n && Character.isWhitespace(text.charAt(pos))) pos++; }
                case YEAR, YEAR2, MONTH, DAY, HOUR, HOUR12, MINUTE, SECOND, DAY_OF_YEAR -> {
                    int width = switch (step.kind) { case YEAR -> 4; case DAY_OF_YEAR -> 3; default -> 2; };
                    while (pos < n && text.charAt(pos) == ' ') pos++;   // strptime skips blanks before numbers (%e, %k)
                    int start = pos;
                    int v = 0;
                    while (pos < n && pos - start < width && isDigit(text.charAt(pos))) v = v * 10 + (text.charAt(pos++) - '0');
                    if (pos == start) return null;
                    switch (step.kind) {
                        case YEAR -> year = v;
                        case YEAR2 -> year = v < 69 ? 2000 + v : 1900 + v;
                        case MONTH -> { if (v < 1 || v > 12) return null; month = v; }
                        case DAY -> { if (v < 1 || v > 31) return null; day = v; }
                        case HOUR -> { if (v > 23) return null; hour = v; }
                        case HOUR12 -> { if (v < 1 || v > 12) return null; hour = v; hour12 = true; }
                        case MINUTE -> { if (v > 59) return null; minute = v; }
                        case SECOND -> { if (v > 60) return null; second = v; }
                        default -> { if (v < 1 || v > 366) return null; dayOfYear = v; }
                    }
                }
                case FRACTION -> {
                    int start = pos;
                    int v = 0;
                    while (pos < n && isDigit(text.charAt(pos))) {
                        if (pos - start < 9) v = v * 10 + (text.charAt(pos) - '0');
                        pos++;
                    }
                    if (pos == start) return null;
                    for (int digits = Math.min(9, pos - start); digits < 9; digits++) v *= 10;
                    nanos = v;
                }
                case ZONE -> {
                    if (pos >= n) return null;
                    char c = text.charAt(pos);
                    if (c == 'Z' || c == 'z') { offsetSeconds = 0; pos++; break; }
                    if (c != '+' && c != '-') return null;
                    int sign = c == '-' ? -1 : 1;
                    pos++;
                    int hh = twoDigits(text, pos);
                    if (hh < 0) return null;
                    pos += 2;
                    int mm = 0;
                    if (pos < n && text.charAt(pos) == ':') pos++;
                    int m2 = twoDigits(text, pos);
                    if (m2 >= 0) { mm = m2; pos += 2; }
                    if (hh > 18 || mm > 59) return null;
                    offsetSeconds = sign * (hh * 3600 + mm * 60);
                }
                case ZONE_NAME -> {
                    int start = pos;
                    while (pos < n && Character.isLetter(text.charAt(pos))) pos++;
                    String name = text.subSequence(start, pos).toString().toUpperCase(Locale.ROOT);
                    switch (name) {
                        case "UTC", "GMT", "Z", "UT" -> offsetSeconds = 0;
                        default -> {
                            // Other abbreviations are ambiguous (IST, CST); strptime ignores them too.
                            if (name.isEmpty()) return null;
                        }
                    }
                }
                case MONTH_NAME -> {
                    int m = matchName(text, pos, MONTHS);
                    if (m < 0) return null;
                    month = (m & 0xff) + 1;
                    pos += m >>> 8;
                }
                case DAY_NAME -> {
                    int d = matchName(text, pos, DAYS);
                    if (d < 0) return null;
                    pos += d >>> 8;
                }
                case AMPM -> {
                    if (pos + 2 > n) return null;
                    char a = Character.toUpperCase(text.charAt(pos));
                    char b = Character.toUpperCase(text.charAt(pos + 1));
                    if (b != 'M' || (a != 'A' && a != 'P')) return null;
                    pm = a == 'P' ? 1 : 0;
                    pos += 2;
                }
                case EPOCH -> {
                    int start = pos;
                    boolean negative = pos < n && text.charAt(pos) == '-';
                    if (negative) pos++;
                    long v = 0;
                    while (pos < n && isDigit(text.charAt(pos)) && pos - start < 19) v = v * 10 + (text.charAt(pos++) - '0');
                    if (pos == start + (negative ? 1 : 0)) return null;
                    epoch = negative ? -v : v;
                }
            }
        }
        if (epoch != Long.MIN_VALUE) return new EventTime(epoch, nanos);
        if (hour12 || pm >= 0) {
            if (hour12 && hour == 12) hour = 0;
            if (pm == 1) hour += 12;
        }
        if (year < 0) year = ZonedDateTime.now(zone).getYear();
        long epochDay = dayOfYear > 0
                ? epochDay(year, 1, 1) + dayOfYear - 1L
                : epochDay(year, month, 1) + day - 1L;
        long localSeconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
        long offset;
        if (offsetSeconds != null) {
            offset = offsetSeconds;
        } else if (zone instanceof ZoneOffset fixed) {
            offset = fixed.getTotalSeconds();
        } else {
            offset = zone.getRules().getOffset(java.time.LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC)).getTotalSeconds();
        }
        return new EventTime(localSeconds - offset, nanos);
    }

    public boolean hasYear() { return hasYear; }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic (no java.time objects on the hot path):
     * shift the year to start in March so the leap day is last, then count 400-year eras.
     */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static int twoDigits(CharSequence t, int pos) {
        if (pos + 2 > t.length() || !isDigit(t.charAt(pos)) || !isDigit(t.charAt(pos + 1))) return -1;
        return (t.charAt(pos) - '0') * 10 + (t.charAt(pos + 1) - '0');
    }

    /** Matches a full or three-letter name case-insensitively; returns (length << 8) | index, or -1. */
    private static int matchName(CharSequence t, int pos, String[] names) {
        for (int i = 0; i < names.length; i++) {
            String full = names[i];
            if (regionMatches(t, pos, full, full.length())) return (full.length() << 8) | i;
        }
        for (int i = 0; i < names.length; i++) {
            if (regionMatches(t, pos, names[i], 3)) return (3 << 8) | i;
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence t, int pos, String name, int len) {
        if (pos + len > t.length()) return false;
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(t.charAt(pos + i)) != name.charAt(i)) return false;
        }
        return true;
    }

    @Override public String toString() { return pattern; }
}
