package io.tributary.parser;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;
import io.tributary.spi.MultilineParser;
import io.tributary.spi.MultilineStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultilineParserTest {
    static ConfigSection ml(String... kv) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) entries.add(new ConfigEntry(kv[i], kv[i + 1], new Location("ml.conf", i / 2 + 2)));
        return new ConfigSection("MULTILINE_PARSER", new Location("ml.conf", 1), entries);
    }

    static LogEvent line(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("log", text);
        return new LogEvent(new EventTime(1, 0), body);
    }

    @Test
    void userDefinedRegexParserJoinsByRules() throws ConfigException {
        // The example from Fluent Bit's multiline documentation: a dated first line, indented continuations.
        ParserRegistry r = ParserRegistry.from(List.of(), List.of(ml("name", "multiline-regex-test", "type", "regex", "flush_timeout", "1000",
                "rule", "\"start_state\"   \"/([a-zA-Z]+ \\d+ \\d+\\:\\d+\\:\\d+)(.*)/\"  \"cont\"",
                "rule", "\"cont\"          \"/^\\s+at.*/\"                     \"cont\"")));
        MultilineParser p = r.findMultiline("multiline-regex-test").orElseThrow();
        assertEquals(1000, p.flushTimeout().toMillis());
        MultilineStream s = p.newStream();
        List<LogEvent> out = new ArrayList<>();
        for (String t : List.of("single line...", "Dec 14 06:41:08 Exception in thread \"main\" java.lang.RuntimeException: Something has gone wrong, aborting!",
                "    at com.myproject.module.MyProject.badMethod(MyProject.java:22)",
                "    at com.myproject.module.MyProject.main(MyProject.java:6)", "another line...")) {
            s.offer(line(t), "log", out::add);
        }
        s.flush(out::add);
        assertEquals(3, out.size());
        assertEquals("Dec 14 06:41:08 Exception in thread \"main\" java.lang.RuntimeException: Something has gone wrong, aborting!\n"
                + "    at com.myproject.module.MyProject.badMethod(MyProject.java:22)\n"
                + "    at com.myproject.module.MyProject.main(MyProject.java:6)", out.get(1).body().get("log"));
        assertTrue(!s.hasPending());
    }

    @Test
    void regexTypeWithALineParserMatchesRulesOnTheParsedText() throws ConfigException {
        ConfigSection json = new ConfigSection("PARSER", new Location("p.conf", 1), List.of(
                new ConfigEntry("Name", "j", new Location("p.conf", 2)), new ConfigEntry("Format", "json", new Location("p.conf", 3))));
        ParserRegistry r = ParserRegistry.from(List.of(json), List.of(ml("name", "jml", "type", "regex", "parser", "j", "key_content", "msg",
                "rule", "\"start_state\" \"/^Exception/\" \"cont\"", "rule", "\"cont\" \"/^\\s+at /\" \"cont\"")));
        MultilineStream s = r.findMultiline("jml").orElseThrow().newStream();
        List<LogEvent> out = new ArrayList<>();
        s.offer(line("{\"msg\":\"Exception: x\",\"lvl\":\"E\"}"), "log", out::add);
        s.offer(line("{\"msg\":\"  at a.b()\"}"), "log", out::add);
        s.offer(line("plain text, not json"), "log", out::add);
        assertEquals(2, out.size());
        assertEquals(Map.of("msg", "Exception: x\n  at a.b()", "lvl", "E"), out.get(0).body());
        assertEquals(Map.of("log", "plain text, not json"), out.get(1).body());
    }

    @Test
    void endswithType() throws ConfigException {
        ParserRegistry r = ParserRegistry.from(List.of(), List.of(ml("name", "bs", "type", "endswith", "key_content", "log",
                "match_string", "\\", "negate", "true")));
        MultilineStream s = r.findMultiline("bs").orElseThrow().newStream();
        List<LogEvent> out = new ArrayList<>();
        s.offer(line("a \\"), "log", out::add);
        assertEquals(0, out.size(), "a line ending with the string continues (negate: the message ends where it does not)");
        s.offer(line("b"), "log", out::add);
        s.offer(line("c"), "log", out::add);
        assertEquals(List.of("a \\b", "c"), out.stream().map(e -> e.body().get("log")).toList());
    }

    @Test
    void badDefinitionsAreReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> ParserRegistry.from(List.of(), List.of(
                ml("name", "a", "type", "regex", "rule", "\"cont\" \"/x/\" \"cont\""),
                ml("name", "b", "type", "regex", "rule", "\"start_state\" \"/(/\" \"cont\""),
                ml("name", "c", "type", "fancy"),
                ml("name", "d", "type", "regex", "rule", "\"start_state\" \"/x/\""),
                ml("name", "e", "type", "endswith"))));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains("[MULTILINE_PARSER] a") && e.problems().get(0).contains("start_state"), e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("ml.conf:4: [MULTILINE_PARSER] b: rule:"), e.problems().toString());
    }
}
