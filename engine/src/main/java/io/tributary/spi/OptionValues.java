package io.tributary.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Conversions of config text to typed values, with Fluent Bit's spellings: sizes with k/m/g suffixes
 * ({@code 32k}, {@code 5M}, {@code 1MB}), times in seconds with fractions or a unit suffix ({@code 5s},
 * {@code 1m}, {@code 1.5}), booleans as on/off/true/false/yes/no/1/0.
 */
public final class OptionValues {
    private OptionValues() {}

    public static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty size");
        int end = s.length();
        if (s.endsWith("ib")) end -= 2;
        else if (s.endsWith("b")) end -= 1;
        long multiplier = 1;
        if (end > 0) {
            char unit = s.charAt(end - 1);
            switch (unit) {
                case 'k' -> multiplier = 1024L;
                case 'm' -> multiplier = 1024L * 1024;
                case 'g' -> multiplier = 1024L * 1024 * 1024;
                case 't' -> multiplier = 1024L * 1024 * 1024 * 1024;
                default -> multiplier = 1;
            }
            if (multiplier != 1) end--;
        }
        String number = s.substring(0, end).trim();
        if (number.isEmpty()) throw new IllegalArgumentException("'" + text + "' is not a size");
        try {
            double value = Double.parseDouble(number);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("'" + text + "' is not a size");
            }
            return (long) (value * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use a number with k, m or g)");
        }
    }

    /** Seconds (fractions allowed), or a number with ms/s/m/h/d, or a Go duration such as 1h30m or 90s. */
    public static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty time");
        try {
            double seconds = Double.parseDouble(s);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("'" + text + "' is not a time");
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException notPlain) {
            return parseGoDuration(text, s);
        }
    }

    private static Duration parseGoDuration(String original, String s) {
        long nanos = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (start == i) throw new IllegalArgumentException("'" + original + "' is not a time (e.g. 5, 1.5, 30s, 1m30s)");
            double value;
            try {
                value = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + original + "' is not a time");
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            double scale = switch (unit) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s", "sec", "" -> 1e9;
                case "m", "min" -> 60e9;
                case "h" -> 3600e9;
                case "d" -> 86400e9;
                default -> throw new IllegalArgumentException("'" + original + "': unknown time unit '" + unit + "'");
            };
            nanos += (long) (value * scale);
            any = true;
        }
        if (!any) throw new IllegalArgumentException("'" + original + "' is not a time");
        return Duration.ofNanos(nanos);
    }

    public static boolean parseBool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            case "off", "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean (use on/off, true/false)");
        };
    }

    /** A comma-separated list; items are trimmed and empty items dropped. */
    public static List<String> parseList(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) items.add(item);
        }
        return List.copyOf(items);
    }

    public static long parseInt(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
    }

    public static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }
}
