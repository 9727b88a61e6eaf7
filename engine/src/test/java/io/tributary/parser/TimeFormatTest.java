package io.tributary.parser;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeFormatTest {
    record Row(String format, String text, long seconds, int nanos) {}

    static Row row(String format, String text, long seconds, int nanos) { return new Row(format, text, seconds, nanos); }

    @TestFactory
    Stream<DynamicTest> parsesAsFluentBitDoes() {
        // Expected values from Fluent Bit 5.1.1 with the same formats (the -0300 apache time: 1154093230).
        return Stream.of(
                row("%d/%b/%Y:%H:%M:%S %z", "28/Jul/2006:10:27:10 -0300", 1154093230L, 0),
                row("%Y-%m-%dT%H:%M:%S.%L%z", "2026-01-02T03:04:05.123456Z", 1767323045L, 123_456_000),
                row("%Y-%m-%dT%H:%M:%S.%L%z", "2026-01-02T03:04:05.5+01:00", 1767319445L, 500_000_000),
                row("%Y-%m-%dT%H:%M:%S.%L%z", "2026-01-02T03:04:05.5+0100 trailing text", 1767319445L, 500_000_000),
                row("%Y-%m-%dT%H:%M:%S.%L%z", "2026-01-02T03:04:05.123456789123Z", 1767323045L, 123_456_789),
                row("%Y-%m-%dT%H:%M:%S.%L", "2026-01-02T03:04:05.000000001Z", 1767323045L, 1),
                row("%s", "1700000000", 1700000000L, 0),
                row("%s", "1700000000.25", 1700000000L, 0),
                row("%Y-%m-%d %H:%M:%S", "2026-02-30 03:04:05", 1772420645L, 0),
                row("%F %T", "2026-01-02 03:04:05", 1767323045L, 0),
                row("%a, %d %B %Y %I:%M:%S %p", "Fri, 02 january 2026 03:04:05 PM", 1767366245L, 0),
                row("%D %R", "01/02/26 03:04", 1767323040L, 0),
                row("%Y %j", "2026 032", 1769904000L, 0),
                row("%e/%m/%Y %k", " 2/01/2026  3", 1767322800L, 0),
                row("%Y-%m-%dT%H:%M:%S %Z", "2026-01-02T03:04:05 UTC", 1767323045L, 0),
                row("[%Y/%m/%d %H:%M:%S]", "[2026/01/02 03:04:05]", 1767323045L, 0)
        ).map(r -> DynamicTest.dynamicTest(r.format + " <- " + r.text, () -> {
            EventTime t = TimeFormat.compile(r.format).parse(r.text, ZoneOffset.UTC);
            assertEquals(new EventTime(r.seconds, r.nanos), t);
        }));
    }

    @Test
    void epochDayArithmeticAgreesWithJavaTime() {
        for (long d = java.time.LocalDate.of(1600, 1, 1).toEpochDay(); d < java.time.LocalDate.of(2500, 1, 1).toEpochDay(); d += 17) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(d);
            assertEquals(d, TimeFormat.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), date.toString());
        }
        assertEquals(java.time.LocalDate.of(2024, 2, 29).toEpochDay(), TimeFormat.epochDay(2024, 2, 29));
        assertEquals(java.time.LocalDate.of(2100, 3, 1).toEpochDay(), TimeFormat.epochDay(2100, 2, 29), "rolls over as timegm");
    }

    @Test
    void fractionIsOptionalWhereRfc3339AllowsIt() {
        // Fluent Bit rejects this ("cannot parse"); RFC 5424 allows whole seconds, so we read it.
        assertEquals(new EventTime(1767323045L, 0),
                TimeFormat.compile("%Y-%m-%dT%H:%M:%S.%L%z").parse("2026-01-02T03:04:05Z", ZoneOffset.UTC));
    }

    @Test
    void withoutAYearTheCurrentYearIsUsed() {
        EventTime t = TimeFormat.compile("%b %d %H:%M:%S").parse("Jan  2 03:04:05", ZoneOffset.UTC);
        int year = ZonedDateTime.now(ZoneOffset.UTC).getYear();
        assertEquals(ZonedDateTime.of(year, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC).toEpochSecond(), t.seconds());
    }

    @Test
    void zoneAppliesOnlyWhenTheTextHasNone() {
        TimeFormat f = TimeFormat.compile("%Y-%m-%d %H:%M:%S");
        assertEquals(1767344645L, f.parse("2026-01-02 03:04:05", ZoneOffset.ofHours(-6)).seconds());
        assertEquals(1767319445L, TimeFormat.compile("%Y-%m-%d %H:%M:%S%z").parse("2026-01-02 03:04:05+0100", ZoneOffset.ofHours(-6)).seconds());
        // A named zone follows its daylight saving rules.
        assertEquals(ZonedDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")).toEpochSecond(),
                f.parse("2026-07-01 12:00:00", ZoneId.of("Europe/Paris")).seconds());
    }

    @Test
    void textThatDoesNotFitGivesNull() {
        TimeFormat f = TimeFormat.compile("%Y-%m-%dT%H:%M:%S%z");
        assertNull(f.parse("garbage", ZoneOffset.UTC));
        assertNull(f.parse("2026-01-02T03:04:05.123Z", ZoneOffset.UTC), "a fraction the format does not have");
        assertNull(f.parse("2026-13-02T03:04:05Z", ZoneOffset.UTC));
        assertNull(f.parse("2026-01-02T25:04:05Z", ZoneOffset.UTC));
        assertNull(f.parse("2026-01-02", ZoneOffset.UTC));
        assertNull(TimeFormat.compile("%b").parse("Foo", ZoneOffset.UTC));
    }

    @Test
    void unsupportedDirectivesFailAtCompile() {
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.compile("%Q"));
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.compile("%Y%"));
    }
}
