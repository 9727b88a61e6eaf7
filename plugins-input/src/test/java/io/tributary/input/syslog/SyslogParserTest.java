package io.tributary.input.syslog;

import io.tributary.record.EventCursor;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tributary.input.syslog.SyslogParser.Dialect.RFC3164;
import static io.tributary.input.syslog.SyslogParser.Dialect.RFC3164_LOCAL;
import static io.tributary.input.syslog.SyslogParser.Dialect.RFC5424;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 5424 and RFC 3164 messages, valid and malformed, with the record each must give. Rows marked "as Fluent
 * Bit" were checked against Fluent Bit 5.1.1's stock regex parsers (its in_syslog over TCP, output as JSON):
 * same keys, order, values and event time. Rows marked "better" are where those regexes drop or mangle the
 * message and this parser keeps it (see SyslogParser's javadoc).
 */
class SyslogParserTest {
    static final Instant NOW = Instant.parse("2026-11-23T14:29:07.617Z");
    static final Peer PEER = Peer.of("tcp", new InetSocketAddress("127.0.0.1", 5514), null);
    static final String RECEIVED = "receive time";

    static Stream<Arguments> messages() {
        return Stream.of(
            // RFC 5424 section 6.5 examples, as Fluent Bit
            row(RFC5424, "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8",
                "2003-10-11T22:14:15.003Z", "pri", "34", "time", "2003-10-11T22:14:15.003Z", "host", "mymachine.example.com",
                "ident", "su", "pid", "-", "msgid", "ID47", "extradata", "-", "message", "'su root' failed for lonvick on /dev/pts/8"),
            row(RFC5424, "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
                "2003-08-24T12:14:15.000003Z", "pri", "165", "time", "2003-08-24T05:14:15.000003-07:00", "host", "192.0.2.1",
                "ident", "myproc", "pid", "8710", "msgid", "-", "extradata", "-", "message", "%% It's time to make the do-nuts."),
            row(RFC5424, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry...",
                "2003-10-11T22:14:15.003Z", "pri", "165", "time", "2003-10-11T22:14:15.003Z", "host", "mymachine.example.com",
                "ident", "evntslog", "pid", "-", "msgid", "ID47",
                "extradata", "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]", "message", "An application event log entry..."),
            row(RFC5424, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\"][examplePriority@32473 class=\"high\"] hello",
                "2003-10-11T22:14:15.003Z", "pri", "165", "time", "2003-10-11T22:14:15.003Z", "host", "mymachine.example.com",
                "ident", "evntslog", "pid", "-", "msgid", "ID47",
                "extradata", "[exampleSDID@32473 iut=\"3\"][examplePriority@32473 class=\"high\"]", "message", "hello"),
            // zones and fractions, as Fluent Bit (which keeps only microseconds; nanoseconds are kept here)
            row(RFC5424, "<165>1 2003-10-11T22:14:15.123+02:00 host app 123 - - with offset",
                "2003-10-11T20:14:15.123Z", "pri", "165", "time", "2003-10-11T22:14:15.123+02:00", "host", "host",
                "ident", "app", "pid", "123", "msgid", "-", "extradata", "-", "message", "with offset"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.123456789Z host app 12 id - nanos",
                "2003-10-11T22:14:15.123456789Z", "pri", "13", "time", "2003-10-11T22:14:15.123456789Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "-", "message", "nanos"),
            // NILVALUE time: no time key and the receive time, as Fluent Bit; other NILVALUEs stay "-"
            row(RFC5424, "<13>1 - - - - - - nil everything", RECEIVED,
                "pri", "13", "host", "-", "ident", "-", "pid", "-", "msgid", "-", "extradata", "-", "message", "nil everything"),
            // better: Fluent Bit's regex needs a fraction, drops non-numeric PROCIDs and empty MSGs, splits at \]
            row(RFC5424, "<165>1 2003-10-11T22:14:15Z host app 123 - - no fraction",
                "2003-10-11T22:14:15Z", "pri", "165", "time", "2003-10-11T22:14:15Z", "host", "host",
                "ident", "app", "pid", "123", "msgid", "-", "extradata", "-", "message", "no fraction"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app abc id - alpha pid",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "abc", "msgid", "id", "extradata", "-", "message", "alpha pid"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 12 id -",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "-"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 12 id [a b=\"x\\] y\"] escaped bracket",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "[a b=\"x\\] y\"]", "message", "escaped bracket"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 12 id [a q=\"say \\\"]\\\" now\" r=\"\\\\\"] quotes",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "[a q=\"say \\\"]\\\" now\" r=\"\\\\\"]", "message", "quotes"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 12 id - \uFEFFbom stripped",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "-", "message", "bom stripped"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 12 id - line one\nline two",
                "2003-10-11T22:14:15.003Z", "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host",
                "ident", "app", "pid", "12", "msgid", "id", "extradata", "-", "message", "line one\nline two"),
            // better: an unparseable time keeps its text; the event takes the receive time
            row(RFC5424, "<13>1 2003-13-11T22:14:15Z host app 12 id - bad month", RECEIVED,
                "pri", "13", "time", "2003-13-11T22:14:15Z", "host", "host", "ident", "app", "pid", "12", "msgid", "id",
                "extradata", "-", "message", "bad month"),
            // better: other shapes are kept (Fluent Bit drops all of these)
            row(RFC5424, "<13>hello no header", RECEIVED, "pri", "13", "host", "127.0.0.1", "message", "hello no header"),
            row(RFC5424, "just text", RECEIVED, "host", "127.0.0.1", "message", "just text"),
            row(RFC5424, "<13>1 2003-10-11T22:14:15.003Z host app 1 id [unclosed msg", RECEIVED,
                "pri", "13", "host", "127.0.0.1", "message", "1 2003-10-11T22:14:15.003Z host app 1 id [unclosed msg"),
            row(RFC5424, "<999999>1 x", RECEIVED, "host", "127.0.0.1", "message", "<999999>1 x"),
            row(RFC5424, "<13>Nov 16 14:55:56 host app: 3164 into 5424", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "ident", "app", "message", "3164 into 5424"),

            // RFC 3164, as Fluent Bit: year from the receive time, UTC
            row(RFC3164, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8", "2026-10-11T22:14:15Z",
                "pri", "34", "time", "Oct 11 22:14:15", "host", "mymachine", "ident", "su", "message", "'su root' failed for lonvick on /dev/pts/8"),
            row(RFC3164, "<13>Feb  5 17:32:18 10.0.0.99 myapp[1234]: Use the BFG!", "2026-02-05T17:32:18Z",
                "pri", "13", "time", "Feb  5 17:32:18", "host", "10.0.0.99", "ident", "myapp", "pid", "1234", "message", "Use the BFG!"),
            row(RFC3164, "<13>Feb 05 17:32:18 host app[12]: msg: with colon", "2026-02-05T17:32:18Z",
                "pri", "13", "time", "Feb 05 17:32:18", "host", "host", "ident", "app", "pid", "12", "message", "msg: with colon"),
            row(RFC3164, "<13>Nov 16 14:55:56 host hello world", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "ident", "hello", "message", "world"),
            row(RFC3164, "<13>Nov 16 14:55:56 host hello world: x", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "ident", "hello", "message", "x"),
            row(RFC3164, "<13>Nov 16 14:55:56 host : empty tag", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "message", "empty tag"),
            row(RFC3164, "<13>Nov 16 14:55:56 host app[12] no colon", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "ident", "app", "pid", "12", "message", "no colon"),
            row(RFC3164, "<13>Nov 16 14:55:56 host app:", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host", "ident", "app"),
            row(RFC3164, "<0>Nov 16 14:55:56 host app[x]: bad pid", "2026-11-16T14:55:56Z",
                "pri", "0", "time", "Nov 16 14:55:56", "host", "host", "ident", "app", "message", "bad pid"),
            // better: hostname left out (Fluent Bit makes "app[123]:" the host), RFC 3339 time, bare host
            row(RFC3164, "<13>Nov 16 14:55:56 app[123]: no host", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "127.0.0.1", "ident", "app", "pid", "123", "message", "no host"),
            row(RFC3164, "<13>2003-10-11T22:14:15.003Z host app: iso time", "2003-10-11T22:14:15.003Z",
                "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "host", "ident", "app", "message", "iso time"),
            row(RFC3164, "<13>Nov 16 14:55:56 host", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "host", "host"),
            row(RFC3164, "<13>Feb 30 14:55:56 host app: impossible date", RECEIVED,
                "pri", "13", "time", "Feb 30 14:55:56", "host", "host", "ident", "app", "message", "impossible date"),
            row(RFC3164, "<13>1 2003-10-11T22:14:15.003Z h a 1 m - 5424 into 3164", "2003-10-11T22:14:15.003Z",
                "pri", "13", "time", "2003-10-11T22:14:15.003Z", "host", "h", "ident", "a", "pid", "1", "msgid", "m",
                "extradata", "-", "message", "5424 into 3164"),
            row(RFC3164, "<13>garbage \u0001\u0002 bytes", RECEIVED, "pri", "13", "host", "127.0.0.1", "message", "garbage \u0001\u0002 bytes"),

            // RFC 3164 from the local socket (no hostname field), as Fluent Bit
            row(RFC3164_LOCAL, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed", "2026-10-11T22:14:15Z",
                "pri", "34", "time", "Oct 11 22:14:15", "ident", "mymachine", "message", "'su root' failed"),
            row(RFC3164_LOCAL, "<13>Nov 16 14:55:56 app[123]: no host", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "ident", "app", "pid", "123", "message", "no host"),
            row(RFC3164_LOCAL, "<13>Nov 16 14:55:56 host app[12] no colon", "2026-11-16T14:55:56Z",
                "pri", "13", "time", "Nov 16 14:55:56", "ident", "host", "message", "app[12] no colon"),
            row(RFC3164_LOCAL, "<13>hello", RECEIVED, "pri", "13", "message", "hello"));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("messages")
    void messageGivesFluentBitFields(SyslogParser.Dialect dialect, String input, String time, Map<String, Object> expected) {
        LogEvent e = encode(dialect, RecordKeys.NONE, input, NOW);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(e.body().entrySet()), "fields of " + input);
        Instant want = RECEIVED.equals(time) ? NOW : Instant.parse(time);
        assertEquals(want, e.time().toInstant(), "event time of " + input);
    }

    @Test
    void decemberMessageReadInJanuaryIsLastYears() {
        LogEvent e = encode(RFC3164, RecordKeys.NONE, "<13>Dec 31 23:59:00 host app: x", Instant.parse("2027-01-01T00:10:00Z"));
        assertEquals(Instant.parse("2026-12-31T23:59:00Z"), e.time().toInstant());
    }

    @Test
    void leapDayInALeapYear() {
        LogEvent e = encode(RFC3164, RecordKeys.NONE, "<13>Feb 29 10:00:00 host app: x", Instant.parse("2028-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2028-02-29T10:00:00Z"), e.time().toInstant());
    }

    @Test
    void extraKeysFollowTheParsedFields() {
        RecordKeys keys = RecordKeys.of("raw", "source", "severity", "facility");
        String raw = "<165>1 2003-10-11T22:14:15.003Z host app 1 - - hi";
        LogEvent e = encode(RFC5424, keys, raw, NOW);
        Map<String, Object> b = e.body();
        assertEquals(List.of("pri", "time", "host", "ident", "pid", "msgid", "extradata", "message", "raw", "source", "severity", "facility"),
                new ArrayList<>(b.keySet()));
        assertEquals(raw, b.get("raw"));
        assertEquals("tcp://127.0.0.1:5514", b.get("source"));
        assertEquals("notice", b.get("severity"));   // 165 = local4.notice
        assertEquals("local4", b.get("facility"));
    }

    @Test
    void invalidPriorityGetsNoSeverity() {
        RecordKeys keys = RecordKeys.of(null, null, "severity", "facility");
        LogEvent e = encode(RFC3164, keys, "<192>Nov 16 14:55:56 host app: x", NOW);
        assertEquals("192", e.body().get("pri"));
        assertEquals(false, e.body().containsKey("severity"));
    }

    static LogEvent encode(SyslogParser.Dialect dialect, RecordKeys keys, String input, Instant now) {
        byte[] b = input.getBytes(StandardCharsets.UTF_8);
        // The message sits inside a larger array, as frames do, to catch offset mistakes.
        byte[] framed = new byte[b.length + 8];
        framed[0] = 'x'; framed[1] = 'y'; framed[2] = 'z';
        System.arraycopy(b, 0, framed, 3, b.length);
        framed[b.length + 3] = ' ';
        MsgpackWriter out = new MsgpackWriter();
        new BuiltinEventEncoder(dialect, keys).encode(framed, 3, b.length, PEER, now.getEpochSecond(), now.getNano(), out);
        EventCursor c = new EventCursor(out.array(), 0, out.size());
        if (!c.next()) throw new AssertionError("no event");
        LogEvent e = c.decode();
        if (c.next()) throw new AssertionError("more than one event");
        return e;
    }

    static Arguments row(SyslogParser.Dialect d, String input, String time, String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Arguments.of(d, input, time, m);
    }

}
