package io.tributary.input.syslog;

/**
 * Turns syslog timestamps into epoch seconds and nanoseconds without allocating: RFC 5424's RFC 3339 profile
 * ({@code 2003-08-24T05:14:15.000003-07:00}) and RFC 3164's {@code Mmm dd hh:mm:ss}, which has no year or zone.
 * Results go into {@link #seconds} and {@link #nanos} of this (reused, single-threaded) instance.
 */
final class SyslogTime {
    long seconds;
    int nanos;

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /**
     * Parses {@code YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)}. RFC 5424 section 6.2.3 allows up to six
     * fraction digits; senders like rsyslog write up to nine, and more are accepted and cut at nanoseconds.
     * A zone written without the colon ({@code +0200}) is also taken, as Fluent Bit's {@code %z} does.
     */
    boolean parseRfc3339(byte[] b, int p, int end) {
        if (end - p < 20) return false;
        int year = digits(b, p, 4, end);
        if (year < 0 || b[p + 4] != '-') return false;
        int month = digits(b, p + 5, 2, end);
        if (month < 1 || month > 12 || b[p + 7] != '-') return false;
        int day = digits(b, p + 8, 2, end);
        if (day < 1 || day > daysInMonth(year, month)) return false;
        byte t = b[p + 10];
        if (t != 'T' && t != 't') return false;
        int hour = digits(b, p + 11, 2, end);
        if (hour < 0 || hour > 23 || b[p + 13] != ':') return false;
        int minute = digits(b, p + 14, 2, end);
        if (minute < 0 || minute > 59 || b[p + 16] != ':') return false;
        int second = digits(b, p + 17, 2, end);
        // 60 is a leap second; it is folded into the next second as java.time would.
        if (second < 0 || second > 60) return false;
        int q = p + 19;
        int frac = 0;
        if (q < end && b[q] == '.') {
            q++;
            int start = q;
            while (q < end && b[q] >= '0' && b[q] <= '9') {
                if (q - start < 9) frac = frac * 10 + (b[q] - '0');
                q++;
            }
            int n = q - start;
            if (n == 0) return false;
            if (n < 9) frac *= POW10[9 - n];
        }
        if (q >= end) return false;
        int offsetSeconds;
        byte z = b[q];
        if (z == 'Z' || z == 'z') {
            offsetSeconds = 0;
            q++;
        } else if (z == '+' || z == '-') {
            int oh = digits(b, q + 1, 2, end);
            if (oh < 0 || oh > 23) return false;
            int om;
            if (q + 3 < end && b[q + 3] == ':') {
                om = digits(b, q + 4, 2, end);
                q += 6;
            } else {
                om = digits(b, q + 3, 2, end);
                q += 5;
            }
            if (om < 0 || om > 59 || q > end) return false;
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return false;
        }
        if (q != end) return false;
        seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        nanos = frac;
        return true;
    }

    /**
     * Parses RFC 3164's {@code Mmm dd hh:mm:ss} (day padded with a space or a zero) at {@code p}; the 15
     * bytes must be followed by a space or the end. The timestamp has no year and no zone: like Fluent Bit, the
     * zone is UTC, and the year is the current one, except that a date more than a day ahead of {@code nowSeconds}
     * is taken as last year's (a December message read in January).
     */
    boolean parseBsd(byte[] b, int p, int end, long nowSeconds) {
        if (end - p < 15) return false;
        int month = month(b[p], b[p + 1], b[p + 2]);
        if (month == 0 || b[p + 3] != ' ') return false;
        int day;
        byte d0 = b[p + 4];
        int d1 = digit(b[p + 5]);
        if (d1 < 0) return false;
        if (d0 == ' ') day = d1;
        else if (digit(d0) >= 0) day = digit(d0) * 10 + d1;
        else return false;
        if (b[p + 6] != ' ') return false;
        int hour = digits(b, p + 7, 2, end);
        if (hour < 0 || hour > 23 || b[p + 9] != ':') return false;
        int minute = digits(b, p + 10, 2, end);
        if (minute < 0 || minute > 59 || b[p + 12] != ':') return false;
        int second = digits(b, p + 13, 2, end);
        if (second < 0 || second > 60) return false;
        int year = yearOf(nowSeconds);
        if (day < 1 || day > daysInMonth(year, month) && !(month == 2 && day == 29)) return false;
        long s = secondsOf(year, month, day, hour, minute, second);
        if (s > nowSeconds + 86_400L) s = secondsOf(year - 1, month, day, hour, minute, second);
        seconds = s;
        nanos = 0;
        return true;
    }

    /** Whether the 15 bytes at {@code p} have the shape of a BSD timestamp (used before committing to one). */
    static boolean looksBsd(byte[] b, int p, int end) {
        return end - p >= 15 && month(b[p], b[p + 1], b[p + 2]) != 0 && b[p + 3] == ' '
                && b[p + 6] == ' ' && b[p + 9] == ':' && b[p + 12] == ':';
    }

    private static long secondsOf(int year, int month, int day, int hour, int minute, int second) {
        // Feb 29 in a year without one (the year was guessed) becomes Mar 1, as mktime would.
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int yearOf(long epochSeconds) {
        long days = Math.floorDiv(epochSeconds, 86_400L);
        // Inverse of epochDay (Howard Hinnant's civil_from_days).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int month(byte a, byte b, byte c) {
        // Case as RFC 3164 writes it (Jan, Feb, ...); strptime's %b also takes other cases.
        int x = (a | 0x20) << 16 | (b | 0x20) << 8 | (c | 0x20);
        return switch (x) {
            case 'j' << 16 | 'a' << 8 | 'n' -> 1;
            case 'f' << 16 | 'e' << 8 | 'b' -> 2;
            case 'm' << 16 | 'a' << 8 | 'r' -> 3;
            case 'a' << 16 | 'p' << 8 | 'r' -> 4;
            case 'm' << 16 | 'a' << 8 | 'y' -> 5;
            case 'j' << 16 | 'u' << 8 | 'n' -> 6;
            case 'j' << 16 | 'u' << 8 | 'l' -> 7;
            case 'a' << 16 | 'u' << 8 | 'g' -> 8;
            case 's' << 16 | 'e' << 8 | 'p' -> 9;
            case 'o' << 16 | 'c' << 8 | 't' -> 10;
            case 'n' << 16 | 'o' << 8 | 'v' -> 11;
            case 'd' << 16 | 'e' << 8 | 'c' -> 12;
            default -> 0;
        };
    }

    private static int digit(byte c) { return c >= '0' && c <= '9' ? c - '0' : -1; }

    /** {@code n} decimal digits at {@code p} as a number, or -1 if any is not a digit. */
    private static int digits(byte[] b, int p, int n, int end) {
        if (p + n > end) return -1;
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = digit(b[p + i]);
            if (d < 0) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
