package io.tributary.parser;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigSection;
import io.tributary.record.EventTime;
import io.tributary.record.JsonWriter;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ParsedRecord;
import io.tributary.spi.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped conf/parsers.conf and the [PARSER] options, parsed as Fluent Bit 5.1.1 parses the same lines. */
class ParserRegistryTest {
    static final Path SHIPPED = Path.of("..", "conf", "parsers.conf");
    static ParserRegistry shipped;

    @BeforeAll
    static void load() throws ConfigException {
        ConfigDocument doc = ConfigLoader.load(SHIPPED, Map.of());
        shipped = ParserRegistry.from(doc.sections("PARSER"), doc.sections("MULTILINE_PARSER"));
    }

    static ParsedRecord parse(ParserRegistry r, String parser, String text) {
        Parser p = r.find(parser).orElseThrow(() -> new AssertionError("no parser " + parser));
        return p.parse(text).orElseThrow(() -> new AssertionError(parser + " did not match " + text));
    }

    static String json(ParsedRecord r) { return new JsonWriter().value(r.fields()).toString(); }

    static ConfigSection section(String... kv) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) entries.add(new ConfigEntry(kv[i], kv[i + 1], new io.tributary.spi.Location("p.conf", i / 2 + 2)));
        return new ConfigSection("PARSER", new io.tributary.spi.Location("p.conf", 1), entries);
    }

    static ParserRegistry registry(ConfigSection... sections) throws ConfigException {
        return ParserRegistry.from(List.of(sections), List.of());
    }

    @Test
    void apacheCombinedAndCommon() {
        ParsedRecord r = parse(shipped, "apache", "192.168.2.20 - - [28/Jul/2006:10:27:10 -0300] \"GET /cgi-bin/try/ HTTP/1.0\" 200 3395");
        assertEquals("{\"host\":\"192.168.2.20\",\"user\":\"-\",\"method\":\"GET\",\"path\":\"/cgi-bin/try/\",\"code\":\"200\",\"size\":\"3395\"}", json(r));
        assertEquals(new EventTime(1154093230L, 0), r.time());
        r = parse(shipped, "apache2", "::1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://x/\" \"Mozilla/4.08 \\\"q\\\"\"");
        assertEquals("{\"host\":\"::1\",\"user\":\"frank\",\"method\":\"GET\",\"path\":\"/apache_pb.gif\",\"code\":\"200\",\"size\":\"2326\","
                + "\"referer\":\"http://x/\",\"agent\":\"Mozilla/4.08 \\\\\\\"q\\\\\\\"\"}", json(r));
        assertEquals(971211336L, r.time().seconds());
    }

    @Test
    void nginxAndIngress() {
        ParsedRecord r = parse(shipped, "nginx", "10.0.0.1 - - [23/Nov/2026:10:00:00 +0000] \"POST /api HTTP/1.1\" 201 12 \"-\" \"curl/8.5\"");
        assertEquals("{\"remote\":\"10.0.0.1\",\"host\":\"-\",\"user\":\"-\",\"method\":\"POST\",\"path\":\"/api\",\"code\":\"201\",\"size\":\"12\","
                + "\"referer\":\"-\",\"agent\":\"curl/8.5\"}", json(r));
        r = parse(shipped, "k8s-nginx-ingress", "10.1.2.3 - [10.1.2.3] - - [23/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl\" 75 0.001 [default-web-80] 10.2.0.5:80 615 0.001 200 abc123");
        assertEquals("default-web-80", r.fields().get("proxy_upstream_name"));
        assertEquals("abc123", r.fields().get("last"));
    }

    @Test
    void dockerJsonWithDecodersAndTime() {
        ParsedRecord r = parse(shipped, "docker", "{\"log\":\"tab\\\\there\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-02T03:04:05.123456789Z\"}");
        assertEquals("{\"log\":\"tab\\there\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-02T03:04:05.123456789Z\"}", json(r));
        assertEquals(new EventTime(1767323045L, 123_456_789), r.time());
        assertTrue(shipped.find("docker").get().parse("not json").isEmpty());
        assertTrue(shipped.find("docker").get().parse("[1,2]").isEmpty(), "a JSON array is not a record");
    }

    @Test
    void syslogFormats() {
        ParsedRecord r = parse(shipped, "syslog-rfc5424", "<165>1 2026-11-23T14:22:01.003Z web01 app 1234 ID47 [exampleSDID@32473 iut=\"3\"] started");
        assertEquals("{\"pri\":\"165\",\"time\":\"2026-11-23T14:22:01.003Z\",\"host\":\"web01\",\"ident\":\"app\",\"pid\":\"1234\",\"msgid\":\"ID47\","
                + "\"extradata\":\"[exampleSDID@32473 iut=\\\"3\\\"]\",\"message\":\"started\"}", json(r));
        assertEquals(new EventTime(ZonedDateTime.of(2026, 11, 23, 14, 22, 1, 0, ZoneOffset.UTC).toEpochSecond(), 3_000_000), r.time());
        r = parse(shipped, "syslog-rfc5424", "<34>1 2026-11-23T14:22:01+02:00 h a - - - no fraction");
        assertEquals(ZonedDateTime.of(2026, 11, 23, 12, 22, 1, 0, ZoneOffset.UTC).toEpochSecond(), r.time().seconds());
        r = parse(shipped, "syslog-rfc3164", "<34>Nov  3 22:14:15 mymachine su[123]: 'su root' failed");
        assertEquals("{\"pri\":\"34\",\"time\":\"Nov  3 22:14:15\",\"host\":\"mymachine\",\"ident\":\"su\",\"pid\":\"123\",\"message\":\"'su root' failed\"}", json(r));
        r = parse(shipped, "syslog-rfc3164-local", "<13>Nov 23 14:22:01 osquery: {\"a\":1}");
        assertEquals("{\"pri\":\"13\",\"time\":\"Nov 23 14:22:01\",\"ident\":\"osquery\",\"message\":\"{\\\"a\\\":1}\"}", json(r));
    }

    @Test
    void criLine() {
        ParsedRecord r = parse(shipped, "cri", "2026-01-02T03:04:05.123456789+00:00 stderr F oops");
        assertEquals("{\"stream\":\"stderr\",\"logtag\":\"F\",\"message\":\"oops\"}", json(r));
        assertEquals(new EventTime(1767323045L, 123_456_789), r.time());
    }

    @Test
    void regexTypesAndSkipEmptyValues() throws ConfigException {
        ParserRegistry r = registry(
                section("Name", "t", "Format", "regex", "Regex", "^(?<a>[^,]*),(?<b>[^,]*),(?<c>[^,]*),(?<d>[^,]*),(?<e>.*)$",
                        "Types", "a:integer b:float c:bool d:hex e:integer"),
                section("Name", "sk", "Format", "regex", "Regex", "^(?<a>[^,]*),(?<b>[^,]*)$"),
                section("Name", "nosk", "Format", "regex", "Regex", "^(?<a>[^,]*),(?<b>[^,]*)$", "Skip_Empty_Values", "Off"));
        assertEquals("{\"a\":12,\"b\":1.5,\"c\":true,\"d\":255,\"e\":\"notanumber\"}", json(parse(r, "t", "12,1.5,true,ff,notanumber")));
        assertEquals("{\"b\":\"x\"}", json(parse(r, "sk", ",x")));
        assertEquals("{\"a\":\"\",\"b\":\"x\"}", json(parse(r, "nosk", ",x")));
    }

    @Test
    void jsonIgnoresTypesAsFluentBitDoes() throws ConfigException {
        ParserRegistry r = registry(section("Name", "j", "Format", "json", "Types", "a:integer"));
        assertEquals("{\"a\":\"12\",\"n\":[1,2.5,null,true]}", json(parse(r, "j", "{\"a\":\"12\",\"n\":[1,2.5,null,true]}")));
    }

    @Test
    void decoders() throws ConfigException {
        ParserRegistry r = registry(
                section("Name", "merge", "Format", "json", "Decode_Field", "json log"),
                section("Name", "replace", "Format", "json", "Decode_Field_As", "json log"),
                section("Name", "chain", "Format", "json", "Decode_Field_As", "escaped log do_next", "Decode_Field_As", "json log"),
                section("Name", "esc", "Format", "json", "Decode_Field_As", "escaped log"),
                section("Name", "utf8", "Format", "json", "Decode_Field_As", "escaped_utf8 log"));
        String nested = "{\"log\":\"{\\\"x\\\":1,\\\"y\\\":\\\"q\\\"}\",\"s\":\"o\"}";
        assertEquals("{\"log\":\"{\\\"x\\\":1,\\\"y\\\":\\\"q\\\"}\",\"s\":\"o\",\"x\":1,\"y\":\"q\"}", json(parse(r, "merge", nested)));
        assertEquals("{\"log\":{\"x\":1,\"y\":\"q\"},\"s\":\"o\"}", json(parse(r, "replace", nested)));
        assertEquals("{\"log\":{\"x\":1,\"y\":\"q\"},\"s\":\"o\"}", json(parse(r, "chain", nested)));
        // Fluent Bit's "escaped": \n becomes a newline, \\ and \" lose their backslash, \u00e9 becomes u00e9.
        String escaped = "{\"log\":\"a\\\\nb \\\\u00e9 \\\\\\\\ \\\\\\\"q\"}";
        assertEquals("{\"log\":\"a\\nb u00e9 \\\\ \\\"q\"}", json(parse(r, "esc", escaped)));
        assertEquals("{\"log\":\"a\\nb é \\\\ \\\"q\"}", json(parse(r, "utf8", escaped)));
        assertEquals("{\"log\":\"not json\"}", json(parse(r, "replace", "{\"log\":\"not json\"}")), "undecodable text stays");
    }

    @Test
    void timeKeyTimeKeepAndBadTimes() throws ConfigException {
        ParserRegistry r = registry(
                section("Name", "drop", "Format", "regex", "Regex", "^(?<time>[^|]*)\\|(?<msg>.*)$", "Time_Format", "%Y-%m-%dT%H:%M:%S.%L%z"),
                section("Name", "keep", "Format", "regex", "Regex", "^(?<ts>[^|]*)\\|(?<msg>.*)$", "Time_Key", "ts",
                        "Time_Format", "%Y-%m-%d %H:%M:%S", "Time_Keep", "On", "Time_Offset", "-0600"));
        ParsedRecord p = parse(r, "drop", "2026-01-02T03:04:05.1Z|a");
        assertEquals("{\"msg\":\"a\"}", json(p), "Time_Key defaults to time and is removed");
        assertEquals(new EventTime(1767323045L, 100_000_000), p.time());
        p = parse(r, "drop", "garbage|a");
        assertEquals("{\"msg\":\"a\"}", json(p), "a bad time is removed too, as Fluent Bit does");
        assertNull(p.time(), "and the record keeps its own time");
        p = parse(r, "keep", "2026-01-02 03:04:05|a");
        assertEquals("{\"ts\":\"2026-01-02 03:04:05\",\"msg\":\"a\"}", json(p));
        assertEquals(1767344645L, p.time().seconds());
    }

    @Test
    void logfmtAndLtsvEdges() throws ConfigException {
        ParserRegistry r = registry(section("Name", "l", "Format", "logfmt", "Types", "n:integer"), section("Name", "t", "Format", "ltsv"),
                section("Name", "strict", "Format", "logfmt", "Logfmt_No_Bare_Keys", "On"));
        assertTrue(r.find("strict").get().parse("a=1 bare").isEmpty());
        assertEquals("{\"a\":\"1\"}", json(parse(r, "strict", "a=1")));
        assertEquals("{\"n\":3,\"msg\":\"hi there\",\"flag\":true}", json(parse(r, "l", "n=3 msg=\"hi there\" flag")));
        assertTrue(r.find("l").get().parse("").isEmpty());
        assertTrue(r.find("l").get().parse("a=\"unterminated").isEmpty());
        assertEquals("{\"host\":\"127.0.0.1\",\"req\":\"GET / HTTP/1.1\"}", json(parse(r, "t", "host:127.0.0.1\treq:GET / HTTP/1.1\n")));
        assertTrue(r.find("t").get().parse("no labels here").isEmpty());
    }

    @Test
    void builtInsNeedNoConfigAndEqualTheShippedFile() throws ConfigException {
        ParserRegistry builtIn = ParserRegistry.builtIn();
        for (String name : List.of("docker", "cri", "json", "syslog-rfc5424", "syslog-rfc3164", "syslog-rfc3164-local")) {
            assertTrue(builtIn.find(name).isPresent(), name);
            ConfigSection inFile = ConfigLoader.load(SHIPPED, Map.of()).sections("PARSER").stream()
                    .filter(s -> s.get("Name").orElse("").equals(name)).findFirst().orElseThrow();
            ConfigSection inCode = BuiltInParsers.sections().stream().filter(s -> s.get("Name").orElse("").equals(name)).findFirst().orElseThrow();
            assertEquals(pairs(inFile), pairs(inCode), name);
        }
        for (String name : List.of("docker", "cri", "java", "python", "go")) assertTrue(builtIn.findMultiline(name).isPresent(), name);
    }

    private static List<String> pairs(ConfigSection s) {
        List<String> out = new ArrayList<>();
        for (ConfigEntry e : s.entries()) out.add(e.key().toLowerCase() + "=" + e.value().trim().replaceAll("\\s+", " "));
        return out;
    }

    @Test
    void everyProblemIsReportedWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> registry(
                section("Name", "a", "Format", "regex", "Regex", "^(?<x>"),
                section("Name", "b", "Format", "csv"),
                section("Name", "c", "Format", "json", "Time_Format", "%Q", "Time_Offset", "+25", "Bogus", "1"),
                section("Name", "d", "Format", "regex", "Regex", "^plain$"),
                section("Format", "json")));
        List<String> p = e.problems();
        assertTrue(p.stream().anyMatch(s -> s.startsWith("p.conf:4: [PARSER] a: Regex: invalid regex")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("p.conf:3: [PARSER] b: Format: unknown format 'csv'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("p.conf:4: [PARSER] c: Time_Format: ") && s.contains("%Q")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("p.conf:5: [PARSER] c: Time_Offset")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.equals("p.conf:6: [PARSER] c: unknown key 'Bogus'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("[PARSER] d: Regex: has no named group")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.equals("p.conf:1: [PARSER]: missing Name")), p.toString());
        assertEquals(7, p.size(), p.toString());
    }

    @Test
    void laterDefinitionReplacesEarlierAndNamesAreExact() throws ConfigException {
        ParserRegistry r = registry(section("Name", "json", "Format", "logfmt"));
        assertEquals("{\"a\":\"1\"}", json(parse(r, "json", "a=1")));
        assertEquals(Optional.empty(), r.find("JSON"));
    }
}
