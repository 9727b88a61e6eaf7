package io.tributary.filter.parser;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.filter.FilterHarness;
import io.tributary.parser.ParserRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Location;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserFilterTest {
    static final String APACHE_REGEX = "^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] \"(?<method>\\S+)(?: +(?<path>[^\\\"]*?)(?: +\\S*)?)?\" (?<code>[^ ]*) (?<size>[^ ]*)(?: \"(?<referer>[^\\\"]*)\" \"(?<agent>[^\\\"]*)\")?$";
    static final String LINE = "{\"log\":\"192.168.2.20 - - [28/Jul/2006:10:27:10 -0300] \\\"GET /cgi-bin/try/ HTTP/1.0\\\" 200 3395\",\"other\":\"o\"}";
    static final String PARSED = "\"host\":\"192.168.2.20\",\"user\":\"-\",\"method\":\"GET\",\"path\":\"/cgi-bin/try/\",\"code\":200,\"size\":3395";
    static final EventTime APACHE_TIME = new EventTime(1154093230L, 0);

    static ConfigSection section(String... kv) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) entries.add(new ConfigEntry(kv[i], kv[i + 1], new Location("parsers.conf", i / 2 + 2)));
        return new ConfigSection("PARSER", new Location("parsers.conf", 1), entries);
    }

    static ParserRegistry registry() throws ConfigException {
        return ParserRegistry.from(List.of(
                section("Name", "apache", "Format", "regex", "Regex", APACHE_REGEX, "Time_Key", "time",
                        "Time_Format", "%d/%b/%Y:%H:%M:%S %z", "Types", "code:integer size:integer"),
                section("Name", "json_t", "Format", "json", "Time_Key", "time", "Time_Format", "%d/%b/%Y:%H:%M:%S %z"),
                section("Name", "kv", "Format", "logfmt"),
                section("Name", "lt", "Format", "ltsv", "Types", "n:integer")), List.of());
    }

    static LogEvent run(String json, String... options) throws ConfigException {
        FilterPlugin f = FilterHarness.create(new ParserFilterFactory(), registry(), Map.of(), options);
        List<LogEvent> list = new ArrayList<>(List.of(FilterHarness.event(json)));
        f.filter("t", list);
        assertEquals(1, list.size());
        return list.get(0);
    }

    @Test
    void replacesTheRecordWithWhatTheParserFound() throws ConfigException {
        LogEvent e = run(LINE, "Key_Name", "log", "Parser", "apache");
        assertEquals("{" + PARSED + "}", FilterHarness.json(e.body()));
        assertEquals(APACHE_TIME, e.time());
    }

    @Test
    void severalParsersAreTriedInOrderAndReserveDataKeepsTheRest() throws ConfigException {
        LogEvent e = run(LINE, "Key_Name", "log", "Parser", "json_t", "Parser", "apache", "Reserve_Data", "On");
        assertEquals("{" + PARSED + ",\"other\":\"o\"}", FilterHarness.json(e.body()));
    }

    @Test
    void preserveKeyKeepsTheParsedField() throws ConfigException {
        LogEvent e = run(LINE, "Key_Name", "log", "Parser", "apache", "Reserve_Data", "On", "Preserve_Key", "On");
        assertTrue(FilterHarness.json(e.body()).startsWith("{" + PARSED + ",\"log\":\"192.168.2.20 - - "), FilterHarness.json(e.body()));
        assertTrue(FilterHarness.json(e.body()).endsWith(",\"other\":\"o\"}"));
    }

    @Test
    void noMatchMissingKeyOrNonStringLeavesTheRecord() throws ConfigException {
        assertEquals("{\"log\":\"nothing\",\"other\":\"o\"}", FilterHarness.json(run("{\"log\":\"nothing\",\"other\":\"o\"}", "Key_Name", "log", "Parser", "apache").body()));
        assertEquals("{\"other\":\"o\"}", FilterHarness.json(run("{\"other\":\"o\"}", "Key_Name", "log", "Parser", "apache").body()));
        LogEvent e = run("{\"log\":5}", "Key_Name", "log", "Parser", "apache");
        assertEquals("{\"log\":5}", FilterHarness.json(e.body()));
        assertEquals(FilterHarness.T0, e.time());
    }

    @Test
    void originalFieldWinsOverAParsedOneOfTheSameName() throws ConfigException {
        LogEvent e = run("{\"log\":\"{\\\"a\\\":1,\\\"other\\\":\\\"new\\\",\\\"time\\\":\\\"28/Jul/2006:10:27:10 -0300\\\",\\\"b\\\":{\\\"c\\\":[1,2.5,null,true]}}\",\"other\":\"o\"}",
                "Key_Name", "log", "Parser", "json_t", "Reserve_Data", "On");
        assertEquals("{\"a\":1,\"b\":{\"c\":[1,2.5,null,true]},\"other\":\"o\"}", FilterHarness.json(e.body()));
        assertEquals(APACHE_TIME, e.time());
    }

    @Test
    void logfmtAndLtsv() throws ConfigException {
        LogEvent e = run("{\"log\":\"a=1 b=\\\"x y\\\" c d= e=\\\"q\\\\\\\"z\\\"\"}", "Key_Name", "log", "Parser", "kv");
        assertEquals("{\"a\":\"1\",\"b\":\"x y\",\"c\":true,\"d\":true,\"e\":\"q\\\"z\"}", FilterHarness.json(e.body()));
        e = run("{\"l\":\"n:5\\tm:x\\tempty:\"}", "Key_Name", "l", "Parser", "lt");
        assertEquals("{\"n\":5,\"m\":\"x\",\"empty\":\"\"}", FilterHarness.json(e.body()));
    }

    @Test
    void unescapeKeyUndoesEscapesBeforeParsing() throws ConfigException {
        LogEvent e = run("{\"log\":\"{\\\\\\\"a\\\\\\\":1}\"}", "Key_Name", "log", "Parser", "json_t", "Unescape_Key", "On");
        assertEquals("{\"a\":1}", FilterHarness.json(e.body()));
    }

    @Test
    void unknownParserIsAConfigErrorListingTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FilterHarness.create(new ParserFilterFactory(), registry(), Map.of(), "Key_Name", "log", "Parser", "apach"));
        assertTrue(e.getMessage().contains("no parser named 'apach'") && e.getMessage().contains("apache"), e.getMessage());
    }
}
