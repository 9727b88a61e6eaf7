package io.tributary.output.aws;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeFormatTest {
    private final EventTime t = EventTime.ofInstant(Instant.parse("2026-11-23T13:22:55.123456789Z"));

    @Test
    void defaultFormatIsIsoSecondsInUtc() {
        assertEquals("2026-11-23T13:22:55", TimeFormat.compile(TimeFormat.DEFAULT, TimeFormat.LStyle.NANOS).format(t));
    }

    @Test
    void fractionsByDigits() {
        TimeFormat f = TimeFormat.compile("%S.%3N|%6N|%9N|%f", TimeFormat.LStyle.MILLIS);
        assertEquals("55.123|123456|123456789|123456", f.format(t));
    }

    @Test
    void percentLFollowsThePluginItCameFrom() {
        assertEquals("55.123", TimeFormat.compile("%S.%L", TimeFormat.LStyle.MILLIS).format(t));
        assertEquals("55.123456789", TimeFormat.compile("%S.%L", TimeFormat.LStyle.NANOS).format(t));
    }

    @Test
    void strftimeFields() {
        TimeFormat f = TimeFormat.compile("%a %b %e %H:%M:%S %Z %Y %j %s %z %%", TimeFormat.LStyle.MILLIS);
        assertEquals("Mon Nov 23 13:22:55 UTC 2026 327 " + t.seconds() + " +0000 %", f.format(t));
        assertEquals("001", TimeFormat.compile("%j", TimeFormat.LStyle.MILLIS).format(new EventTime(0, 0)));
    }

    @Test
    void unknownConversionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeFormat.compile("%Y-%Q", TimeFormat.LStyle.MILLIS));
        assertEquals("'%Y-%Q': unsupported conversion %Q", e.getMessage());
    }
}
