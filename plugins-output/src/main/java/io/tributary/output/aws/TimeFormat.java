package io.tributary.output.aws;

import io.tributary.record.EventTime;
import io.tributary.record.JsonWriter;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * strftime as the AWS outputs' {@code time_key_format} uses it, in UTC, plus the sub-second extensions:
 * {@code %3N} milliseconds, {@code %6N} microseconds, {@code %9N} nanoseconds, {@code %f} microseconds (the Go
 * plugins) and {@code %L}, which is milliseconds for the Go plugins but nanoseconds for Fluent Bit's core
 * plugins (their documentation: "nanosecond precision with '%9N' and '%L'"): each plugin name keeps its own meaning.
 * Compiled once; {@link #write} is allocation-free apart from a per-second cache of the calendar fields.
 */
public final class TimeFormat {
    public static final String DEFAULT = "%Y-%m-%dT%H:%M:%S";

    /** Meaning of %L. */
    public enum LStyle { MILLIS, NANOS }

    private sealed interface Part permits Literal, Field {}
    private record Literal(String text) implements Part {}
    private record Field(char conversion, int digits) implements Part {}

    private final List<Part> parts;
    private final String pattern;
    private long cachedSecond = Long.MIN_VALUE;
    private LocalDateTime cached;

    private TimeFormat(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = parts;
    }

    /** Parses a pattern; throws IllegalArgumentException naming an unsupported conversion. */
    public static TimeFormat compile(String pattern, LStyle lStyle) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') { lit.append(c); continue; }
            if (i + 1 >= pattern.length()) throw new IllegalArgumentException("'" + pattern + "' ends with a lone %");
            char k = pattern.charAt(++i);
            Part p;
            if (k >= '1' && k <= '9' && i + 1 < pattern.length() && pattern.charAt(i + 1) == 'N') {
                p = new Field('N', k - '0');
                i++;
            } else {
                p = switch (k) {
                    case '%' -> new Literal("%");
                    case 'n' -> new Literal("\n");
                    case 't' -> new Literal("\t");
                    case 'L' -> new Field('N', lStyle == LStyle.MILLIS ? 3 : 9);
                    case 'N' -> new Field('N', 9);
                    case 'f' -> new Field('N', 6);
                    case 'Y', 'C', 'y', 'm', 'd', 'e', 'H', 'I', 'M', 'S', 'j', 'p', 'a', 'A', 'b', 'h', 'B', 'u', 'w',
                         'z', 'Z', 's', 'D', 'F', 'T', 'R', 'G', 'g', 'V', 'k', 'l' -> new Field(k, 0);
                    default -> throw new IllegalArgumentException("'" + pattern + "': unsupported conversion %" + k);
                };
            }
            if (p instanceof Literal l) { lit.append(l.text()); continue; }
            if (!lit.isEmpty()) { parts.add(new Literal(lit.toString())); lit.setLength(0); }
            parts.add(p);
        }
        if (!lit.isEmpty()) parts.add(new Literal(lit.toString()));
        return new TimeFormat(pattern, List.copyOf(parts));
    }

    public String pattern() { return pattern; }

    /** Formats {@code t} into {@code out} (raw bytes, no quotes). Not thread-safe: one per encoder. */
    public void write(EventTime t, JsonWriter out) {
        if (t.seconds() != cachedSecond) {
            cached = LocalDateTime.ofEpochSecond(t.seconds(), 0, ZoneOffset.UTC);
            cachedSecond = t.seconds();
        }
        LocalDateTime d = cached;
        for (Part p : parts) {
            if (p instanceof Literal l) { out.raw(l.text()); continue; }
            Field f = (Field) p;
            switch (f.conversion()) {
                case 'N' -> {
                    int v = t.nanos();
                    for (int i = 9; i > f.digits(); i--) v /= 10;
                    pad(out, v, Math.min(9, f.digits()));
                    for (int i = 9; i < f.digits(); i++) out.raw((byte) '0');
                }
                case 'Y' -> out.number(d.getYear());
                case 'C' -> pad(out, d.getYear() / 100, 2);
                case 'y' -> pad(out, d.getYear() % 100, 2);
                case 'G' -> out.number(d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR));
                case 'g' -> pad(out, d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) % 100, 2);
                case 'V' -> pad(out, d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
                case 'm' -> pad(out, d.getMonthValue(), 2);
                case 'd' -> pad(out, d.getDayOfMonth(), 2);
                case 'e' -> spacePad(out, d.getDayOfMonth());
                case 'H' -> pad(out, d.getHour(), 2);
                case 'k' -> spacePad(out, d.getHour());
                case 'I' -> pad(out, hour12(d), 2);
                case 'l' -> spacePad(out, hour12(d));
                case 'M' -> pad(out, d.getMinute(), 2);
                case 'S' -> pad(out, d.getSecond(), 2);
                case 'j' -> pad(out, d.getDayOfYear(), 3);
                case 'p' -> out.raw(d.getHour() < 12 ? "AM" : "PM");
                case 'a' -> out.raw(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> out.raw(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> out.raw(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> out.raw(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'u' -> out.number(d.getDayOfWeek().getValue());
                case 'w' -> out.number(d.getDayOfWeek().getValue() % 7);
                case 'z' -> out.raw("+0000");
                case 'Z' -> out.raw("UTC");
                case 's' -> out.number(t.seconds());
                case 'D' -> { pad(out, d.getMonthValue(), 2); out.raw((byte) '/'); pad(out, d.getDayOfMonth(), 2); out.raw((byte) '/'); pad(out, d.getYear() % 100, 2); }
                case 'F' -> { out.number(d.getYear()); out.raw((byte) '-'); pad(out, d.getMonthValue(), 2); out.raw((byte) '-'); pad(out, d.getDayOfMonth(), 2); }
                case 'T' -> { pad(out, d.getHour(), 2); out.raw((byte) ':'); pad(out, d.getMinute(), 2); out.raw((byte) ':'); pad(out, d.getSecond(), 2); }
                case 'R' -> { pad(out, d.getHour(), 2); out.raw((byte) ':'); pad(out, d.getMinute(), 2); }
                default -> throw new IllegalStateException("conversion %" + f.conversion());
            }
        }
    }

    public String format(EventTime t) {
        JsonWriter w = new JsonWriter(48);
        write(t, w);
        return w.toString();
    }

    private static int hour12(LocalDateTime d) {
        int h = d.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void pad(JsonWriter out, long v, int width) {
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) digits++;
        for (int i = digits; i < width; i++) out.raw((byte) '0');
        out.number(v);
    }

    private static void spacePad(JsonWriter out, int v) {
        if (v < 10) out.raw((byte) ' ');
        out.number(v);
    }
}
