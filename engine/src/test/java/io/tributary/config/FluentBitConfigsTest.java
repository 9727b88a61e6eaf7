package io.tributary.config;

import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real configs: the ones Fluent Bit 5.1.1 was benchmarked with, and parser files in its stock shapes. */
class FluentBitConfigsTest {
    private static final Map<String, String> ENV = Map.of("WORKERS", "1", "RETRY_LIMIT", "no_limits");

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FluentBitConfigsTest.class.getResource("fluent-bit/" + name).toURI());
    }

    @Test
    void benchmarkForwardToKinesis() throws Exception {
        ConfigDocument doc = ConfigLoader.load(resource("forward_kinesis.conf"), ENV);
        assertEquals("SERVICE{Flush=1, Log_Level=info, Parsers_File=parsers.conf, HTTP_Server=On, HTTP_Listen=127.0.0.1,"
                + " HTTP_Port=2020, storage.metrics=On, scheduler.base=5, scheduler.cap=2000}"
                + " INPUT{Name=forward, Listen=127.0.0.1, Port=24224}"
                + " OUTPUT{Name=kinesis_streams, Match=*, region=us-east-1, stream=bench-stream, endpoint=127.0.0.1,"
                + " Port=18443, tls.ca_file=/tmp/fb/fake-kinesis.pem, Workers=1, Retry_Limit=no_limits}",
                Rendered.sections(doc));
        ConfigSection out = doc.sections("OUTPUT").getFirst();
        assertEquals(resource("forward_kinesis.conf") + ":22", out.location().toString());
        assertEquals(resource("forward_kinesis.conf") + ":31", out.entry("retry_limit").orElseThrow().location().toString());
    }

    @Test
    void benchmarkForwardToFirehoseKeepsItsOddlyAlignedKeys() throws Exception {
        ConfigSection out = ConfigLoader.load(resource("forward_firehose.conf"), Map.of()).sections("OUTPUT").getFirst();
        assertEquals("/tmp/fb/fake-kinesis.pem", out.get("tls.ca_file").orElseThrow());
        assertEquals("bench-stream", out.get("delivery_stream").orElseThrow());
        assertEquals("no_limits", out.get("Retry_Limit").orElseThrow());
    }

    @Test
    void benchmarkSyslogToNull() throws Exception {
        ConfigDocument doc = ConfigLoader.load(resource("syslog_null.conf"), Map.of());
        assertEquals("INPUT{Name=syslog, Mode=tcp, Listen=127.0.0.1, Port=5140, Parser=syslog-rfc5424, Format=octet_counting}",
                Rendered.sections(new ConfigDocument(null, doc.sections("INPUT"))));
        assertEquals(resource("syslog_null.conf").getParent(), doc.directory());
    }

    @Test
    void theYamlTwinLoadsTheSameKeysAndValues() throws Exception {
        ConfigDocument classic = ConfigLoader.load(resource("forward_kinesis.conf"), ENV);
        ConfigDocument yaml = ConfigLoader.load(resource("forward_kinesis.yaml"), ENV);
        assertEquals(lowerCaseKeys(classic), lowerCaseKeys(yaml));
    }

    @Test
    void benchmarkParsersFileRegexIsKeptExactly() throws Exception {
        ConfigDocument doc = ConfigLoader.load(resource("parsers.conf"), Map.of());
        ConfigSection p = doc.sections("PARSER").getFirst();
        assertEquals("syslog-rfc5424", p.get("Name").orElseThrow());
        assertEquals("^\\<(?<pri>[0-9]{1,5})\\>1 (?<time>[^ ]+) (?<host>[^ ]+) (?<ident>[^ ]+) (?<pid>[-0-9]+)"
                + " (?<msgid>[^ ]+) (?<extradata>(\\[(.*?)\\]|-)) (?<message>.+)$", p.get("Regex").orElseThrow());
        assertEquals("%Y-%m-%dT%H:%M:%S.%L%z", p.get("Time_Format").orElseThrow());
    }

    @Test
    void stockParserShapes() throws Exception {
        ConfigDocument doc = ConfigLoader.load(resource("parsers_more.conf"), Map.of());
        List<ConfigSection> parsers = doc.sections("PARSER");
        assertEquals(3, parsers.size());
        assertEquals(List.of("escaped_utf8    log    do_next", "json       log"), parsers.get(0).getAll("Decode_Field_As"));
        assertEquals("code:integer size:integer", parsers.get(1).get("Types").orElseThrow());
        String apacheRegex = parsers.get(1).get("Regex").orElseThrow();
        assertEquals('^', apacheRegex.charAt(0));
        assertEquals("(?: \"(?<referer>[^\\\"]*)\" \"(?<agent>.*)\")?$", apacheRegex.substring(apacheRegex.indexOf("(?: \"")));
        assertEquals("%b %d %H:%M:%S", parsers.get(2).get("Time_Format").orElseThrow());
        ConfigSection ml = doc.sections("MULTILINE_PARSER").getFirst();
        assertEquals(List.of("\"start_state\"   \"/(\\d+-\\d+-\\d+ \\d+:\\d+:\\d+)(.*)/\"  \"cont\"",
                "\"cont\"          \"/^\\s+at.*/\"                     \"cont\""), ml.getAll("rule"));
    }

    private static List<String> lowerCaseKeys(ConfigDocument doc) {
        List<String> out = new ArrayList<>();
        for (ConfigSection s : doc.sections()) {
            for (ConfigEntry e : s.entries()) out.add(s.name() + "." + e.key().toLowerCase(Locale.ROOT) + "=" + e.value());
        }
        return out;
    }
}
