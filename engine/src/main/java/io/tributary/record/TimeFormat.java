package io.tributary.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date formats Fluent Bit's JSON-producing outputs offer for {@code json_date_format}. */
public enum TimeFormat {
    /** Seconds with microseconds, as a number: {@code 1700752975.123961}. */
    DOUBLE,
    /** Whole seconds: {@code 1700752975}. */
    EPOCH,
    /** Milliseconds: {@code 1700752975123}. */
    EPOCH_MS,
    /** {@code 2023-11-23T15:22:55.123456Z}. */
    ISO8601,
    /** {@code 2023-11-23 15:22:55.123456}. */
    JAVA_SQL_TIMESTAMP;

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public static TimeFormat parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "double" -> DOUBLE;
            case "epoch" -> EPOCH;
            case "epoch_ms" -> EPOCH_MS;
            case "iso8601" -> ISO8601;
            case "java_sql_timestamp" -> JAVA_SQL_TIMESTAMP;
            default -> throw new IllegalArgumentException("'" + s + "' is not a date format (double, epoch, epoch_ms, iso8601, java_sql_timestamp)");
        };
    }

    public void write(JsonWriter out, EventTime t) {
        switch (this) {
            case DOUBLE -> out.raw(String.format(Locale.ROOT, "%d.%06d", t.seconds(), t.nanos() / 1000));
            case EPOCH -> out.number(t.seconds());
            case EPOCH_MS -> out.number(t.toMillis());
            case ISO8601 -> out.string(ISO.format(Instant.ofEpochSecond(t.seconds(), t.nanos())));
            case JAVA_SQL_TIMESTAMP -> out.string(SQL.format(Instant.ofEpochSecond(t.seconds(), t.nanos())));
        }
    }
}
