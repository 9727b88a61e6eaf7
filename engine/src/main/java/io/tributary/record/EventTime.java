package io.tributary.record;

import java.time.Instant;

/**
 * A record's time as Fluent Bit keeps it: seconds and nanoseconds (msgpack ext type 0, 8 bytes big-endian).
 * Milliseconds would lose the ordering of records logged within one millisecond.
 */
public record EventTime(long seconds, int nanos) implements Comparable<EventTime> {
    public EventTime {
        if (nanos < 0 || nanos > 999_999_999) throw new IllegalArgumentException("nanos: " + nanos);
    }

    public static EventTime now() {
        Instant i = Instant.now();
        return new EventTime(i.getEpochSecond(), i.getNano());
    }

    public static EventTime ofInstant(Instant i) { return new EventTime(i.getEpochSecond(), i.getNano()); }

    /** From a float time in seconds, as older clients send it. */
    public static EventTime ofDouble(double seconds) {
        long s = (long) Math.floor(seconds);
        int n = (int) Math.round((seconds - s) * 1e9);
        if (n >= 1_000_000_000) { s++; n -= 1_000_000_000; }
        return new EventTime(s, Math.max(0, n));
    }

    public static EventTime ofMillis(long millis) {
        return new EventTime(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000);
    }

    public Instant toInstant() { return Instant.ofEpochSecond(seconds, nanos); }

    public double toDouble() { return seconds + nanos / 1e9; }

    public long toMillis() { return seconds * 1000 + nanos / 1_000_000; }

    @Override public int compareTo(EventTime o) {
        int c = Long.compare(seconds, o.seconds);
        return c != 0 ? c : Integer.compare(nanos, o.nanos);
    }
}
