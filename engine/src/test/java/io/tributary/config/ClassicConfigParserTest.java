package io.tributary.config;

import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassicConfigParserTest {
    private static final Path FILE = Path.of("conf", "app.conf");

    private static ConfigDocument parse(String text) throws ConfigException {
        return ConfigLoader.parseClassic(text, FILE, Map.of());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("sections and keys as Fluent Bit users write them",
                        "[SERVICE]\n    Flush 1\n\n[INPUT]\n    Name dummy\n    Tag  app\n[OUTPUT]\n    Name  stdout\n    Match *\n",
                        "SERVICE{Flush=1} INPUT{Name=dummy, Tag=app} OUTPUT{Name=stdout, Match=*}"),
                Arguments.of("section names any case, stored upper-case; keys keep their case",
                        "[service]\n    flush 1\n[Input]\n    NAME dummy\n",
                        "SERVICE{flush=1} INPUT{NAME=dummy}"),
                Arguments.of("the value is the rest of the line, inner spaces kept, ends trimmed",
                        "[PARSER]\n    Regex   ^(?<a>[^ ]+) (?<b>.*)$   \n",
                        "PARSER{Regex=^(?<a>[^ ]+) (?<b>.*)$}"),
                Arguments.of("a # inside a value is part of it, as in Fluent Bit",
                        "[FILTER]\n    Name record_modifier\n    Record color #ff0000\n",
                        "FILTER{Name=record_modifier, Record=color #ff0000}"),
                Arguments.of("tabs indent and separate",
                        "[INPUT]\n\tName\tdummy\n\tTag\t\tt1\n",
                        "INPUT{Name=dummy, Tag=t1}"),
                Arguments.of("keys at column 1 under a header are accepted (Fluent Bit misreads them)",
                        "[INPUT]\nName dummy\nTag t\n",
                        "INPUT{Name=dummy, Tag=t}"),
                Arguments.of("mixed indentation within one file",
                        "[INPUT]\n    Name dummy\n  Tag t\n[OUTPUT]\n        Name null\n",
                        "INPUT{Name=dummy, Tag=t} OUTPUT{Name=null}"),
                Arguments.of("repeated keys are kept, in order",
                        "[FILTER]\n    Name modify\n    Match *\n    Set a 1\n    Set b 2\n    Rename x y\n    Set c 3\n",
                        "FILTER{Name=modify, Match=*, Set=a 1, Set=b 2, Rename=x y, Set=c 3}"),
                Arguments.of("comments at any indentation and whitespace-only lines are skipped",
                        "# top\n[INPUT]\n    # indented comment\n  # odd comment\n    Name dummy\n   \n\t\n#Tag no\n",
                        "INPUT{Name=dummy}"),
                Arguments.of("a comment after a section header",
                        "[INPUT]   # the main input\n    Name dummy\n",
                        "INPUT{Name=dummy}"),
                Arguments.of("CRLF line endings",
                        "[INPUT]\r\n    Name dummy\r\n    Tag t\r\n\r\n[OUTPUT]\r\n    Name null\r\n",
                        "INPUT{Name=dummy, Tag=t} OUTPUT{Name=null}"),
                Arguments.of("a UTF-8 byte-order mark",
                        "\uFEFF[INPUT]\n    Name dummy\n",
                        "INPUT{Name=dummy}"),
                Arguments.of("no newline at the end of the file",
                        "[INPUT]\n    Name dummy",
                        "INPUT{Name=dummy}"),
                Arguments.of("multiline parser rules keep their quoted text as written",
                        "[MULTILINE_PARSER]\n    name          multiline-regex-test\n    type          regex\n"
                                + "    flush_timeout 1000\n"
                                + "    rule      \"start_state\"   \"/([a-zA-Z]+ \\d+ \\d+\\:\\d+\\:\\d+)(.*)/\"  \"cont\"\n"
                                + "    rule      \"cont\"          \"/^\\s+at.*/\"                     \"cont\"\n",
                        "MULTILINE_PARSER{name=multiline-regex-test, type=regex, flush_timeout=1000, "
                                + "rule=\"start_state\"   \"/([a-zA-Z]+ \\d+ \\d+\\:\\d+\\:\\d+)(.*)/\"  \"cont\", "
                                + "rule=\"cont\"          \"/^\\s+at.*/\"                     \"cont\"}"),
                Arguments.of("other sections are kept for the engine to judge",
                        "[CUSTOM]\n    Name calyptia\n[PLUGINS]\n    Path /x.so\n[UPSTREAM]\n    name fwd\n"
                                + "[NODE]\n    name n1\n    host 127.0.0.1\n[my_section]\n    k v\n",
                        "CUSTOM{Name=calyptia} PLUGINS{Path=/x.so} UPSTREAM{name=fwd} NODE{name=n1, host=127.0.0.1} MY_SECTION{k=v}"),
                Arguments.of("an empty section is kept (the engine reports its missing Name)",
                        "[INPUT]\n[OUTPUT]\n    Name null\n",
                        "INPUT{} OUTPUT{Name=null}"),
                Arguments.of("the same section kind many times",
                        "[INPUT]\n    Name forward\n[INPUT]\n    Name syslog\n[INPUT]\n    Name dummy\n",
                        "INPUT{Name=forward} INPUT{Name=syslog} INPUT{Name=dummy}"),
                Arguments.of("an empty file", "", ""),
                Arguments.of("only comments", "# nothing\n\n# here\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void parses(String why, String text, String expected) throws ConfigException {
        assertEquals(expected, Rendered.sections(parse(text)));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("a key outside any section",
                        "Name dummy\n[INPUT]\n    Name dummy\n",
                        List.of("conf/app.conf:1: 'Name' is outside any section; put it under a [SECTION] header")),
                Arguments.of("an unterminated header; its keys are skipped, later sections still read",
                        "[INPUT\n    Name dummy\n[OUTPUT]\n    Name null\n    Match\n",
                        List.of("conf/app.conf:1: section header '[INPUT' has no closing ']'",
                                "conf/app.conf:5: [OUTPUT] key 'Match' has no value")),
                Arguments.of("an unknown @command (Fluent Bit ignores it, dropping e.g. a misspelt include)",
                        "@INCLDUE outputs.conf\n",
                        List.of("conf/app.conf:1: unknown command '@INCLDUE' (expected @INCLUDE or @SET)")),
                Arguments.of("a key without a value",
                        "[INPUT]\n    Name dummy\n    Tag\n    Alias   \n",
                        List.of("conf/app.conf:3: [INPUT] key 'Tag' has no value",
                                "conf/app.conf:4: [INPUT] key 'Alias' has no value")),
                Arguments.of("key=value instead of key value",
                        "[INPUT]\n    Name=dummy\n",
                        List.of("conf/app.conf:2: [INPUT] key 'Name=dummy' has no value (write 'key value', with a"
                                + " space, not key=value)")),
                Arguments.of("an indented header (a nested group to Fluent Bit)",
                        "[INPUT]\n    Name dummy\n    [OUTPUT]\n    Name null\n",
                        List.of("conf/app.conf:3: section header [OUTPUT] must start at the beginning of the line")),
                Arguments.of("an indented @INCLUDE (a key named @INCLUDE to Fluent Bit)",
                        "[INPUT]\n    Name dummy\n    @INCLUDE out.conf\n",
                        List.of("conf/app.conf:3: '@INCLUDE' must start at the beginning of the line")),
                Arguments.of("text after a header",
                        "[INPUT] Name dummy\n",
                        List.of("conf/app.conf:1: unexpected text after [INPUT]: 'Name dummy' (keys go on their own"
                                + " lines, below the header)")),
                Arguments.of("an empty section name",
                        "[ ]\n    Name dummy\n",
                        List.of("conf/app.conf:1: empty section name '[]'")),
                Arguments.of("@SET without =",
                        "@SET region\n@SET =x\n",
                        List.of("conf/app.conf:1: @SET expects name=value, got 'region'",
                                "conf/app.conf:2: @SET expects name=value, got '=x'")),
                Arguments.of("@INCLUDE without a file",
                        "@INCLUDE\n",
                        List.of("conf/app.conf:1: @INCLUDE needs a file name or pattern")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String why, String text, List<String> expected) {
        assertEquals(expected, Rendered.problems(() -> parse(text)));
    }

    @Test
    void reportsEveryProblemOfAFileInOneException() {
        String text = """
                Flush 1
                [INPUT]
                    Name dummy
                    Tag
                @FOO bar
                [OUTPUT
                    Name null
                [OUTPUT]
                    Name stdout
                    Match ${UNSET}
                """;
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(List.of(1, 4, 5, 6, 10), e.problems().stream()
                .map(p -> Integer.parseInt(p.split(":")[1])).toList(), e.getMessage());
        for (String p : e.problems()) assertTrue(p.startsWith("conf/app.conf:"), p);
        assertEquals(String.join("\n", e.problems()), e.getMessage(), "one problem per line of the message");
    }

    @Test
    void entriesAndSectionsCarryTheirLines() throws ConfigException {
        ConfigDocument doc = parse("# c\n[INPUT]\n    Name dummy\n\n    Tag t\n[OUTPUT]\n    Name null\n");
        assertEquals(List.of("[INPUT]@conf/app.conf:2", "Name@conf/app.conf:3", "Tag@conf/app.conf:5",
                "[OUTPUT]@conf/app.conf:6", "Name@conf/app.conf:7"), Rendered.locations(doc));
        assertEquals(FILE, doc.mainFile());
    }

    @Test
    void textWithoutAFileIsNamedConfigText() {
        List<String> problems = Rendered.problems(() -> ConfigLoader.parseClassic("Name x\n", null, Map.of()));
        assertEquals(List.of("config text:1: 'Name' is outside any section; put it under a [SECTION] header"), problems);
    }

    @Test
    void sectionLookupsAreCaseInsensitive() throws ConfigException {
        ConfigDocument doc = parse("[FILTER]\n    Name modify\n    SET a 1\n    set b 2\n");
        ConfigSection s = doc.sections("filter").getFirst();
        assertEquals("modify", s.get("name").orElseThrow());
        assertEquals(List.of("a 1", "b 2"), s.getAll("Set"));
    }
}
