package io.tributary.config;

import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncludesTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private ConfigDocument load(Path main) throws ConfigException {
        return ConfigLoader.load(main, Map.of("ENVDIR", "conf.d"));
    }

    /** Problems with the temp dir prefix removed, so expectations read like a user's paths. */
    private List<String> problems(Path main) {
        return Rendered.problems(() -> load(main)).stream().map(p -> p.replace(dir + "/", "")).toList();
    }

    @Test
    void includesAreSplicedInWhereTheyStand() throws Exception {
        write("in.conf", "[INPUT]\n    Name dummy\n");
        write("out.conf", "[OUTPUT]\n    Name null\n");
        Path main = write("main.conf", "[SERVICE]\n    Flush 1\n@INCLUDE in.conf\n[FILTER]\n    Name grep\n@INCLUDE out.conf\n");
        assertEquals("SERVICE{Flush=1} INPUT{Name=dummy} FILTER{Name=grep} OUTPUT{Name=null}",
                Rendered.sections(load(main)));
    }

    @Test
    void entriesFromIncludedFilesNameThatFileAndLine() throws Exception {
        write("sub/in.conf", "# input\n[INPUT]\n    Name dummy\n");
        Path main = write("main.conf", "@INCLUDE sub/in.conf\n");
        List<String> where = Rendered.locations(load(main));
        assertEquals(List.of("[INPUT]@" + dir.resolve("sub/in.conf") + ":2", "Name@" + dir.resolve("sub/in.conf") + ":3"), where);
    }

    @Test
    void globsIncludeEveryMatchSortedByName() throws Exception {
        write("conf.d/20-out.conf", "[OUTPUT]\n    Name null\n");
        write("conf.d/10-in.conf", "[INPUT]\n    Name dummy\n");
        write("conf.d/15-filter.conf", "[FILTER]\n    Name grep\n");
        write("conf.d/notes.txt", "[INPUT]\n    Name not-included\n");
        write("conf.d/.hidden.conf", "[INPUT]\n    Name hidden\n");
        Path main = write("main.conf", "@INCLUDE conf.d/*.conf\n");
        assertEquals("INPUT{Name=dummy} FILTER{Name=grep} OUTPUT{Name=null}", Rendered.sections(load(main)));
    }

    @Test
    void globsMayHaveWildcardDirectoriesAndCharacterClasses() throws Exception {
        write("teams/a/in.conf", "[INPUT]\n    Name a\n");
        write("teams/b/in.conf", "[INPUT]\n    Name b\n");
        write("teams/c/in.conf", "[INPUT]\n    Name c\n");
        Path main = write("main.conf", "@INCLUDE teams/*/in.conf\n@INCLUDE */[!ab]/*.conf\n");
        // c is matched by both patterns: the second include is a repeat, which Fluent Bit also rejects.
        List<String> problems = problems(main);
        assertEquals(1, problems.size(), Rendered.show(problems));
        assertTrue(problems.getFirst().startsWith("main.conf:2: '"), problems.getFirst());
        assertTrue(problems.getFirst().endsWith("teams/c/in.conf' is already included at main.conf:1; a file can be included only once"),
                problems.getFirst());
    }

    @Test
    void nestedIncludesAreRelativeToTheIncludingFile() throws Exception {
        write("conf/outputs/s3.conf", "[OUTPUT]\n    Name s3\n");
        write("conf/outputs/all.conf", "@INCLUDE s3.conf\n");
        Path main = write("conf/main.conf", "@INCLUDE outputs/all.conf\n");
        assertEquals("OUTPUT{Name=s3}", Rendered.sections(load(main)));
    }

    @Test
    void nestedIncludesWrittenForFluentBitResolveAgainstTheMainFile() throws Exception {
        // Fluent Bit resolves every relative include against the main file's directory.
        write("conf/outputs/s3.conf", "[OUTPUT]\n    Name s3\n");
        write("conf/outputs/all.conf", "@INCLUDE outputs/s3.conf\n");
        Path main = write("conf/main.conf", "@INCLUDE outputs/all.conf\n");
        assertEquals("OUTPUT{Name=s3}", Rendered.sections(load(main)));
    }

    @Test
    void absoluteIncludes() throws Exception {
        Path in = write("elsewhere/in.conf", "[INPUT]\n    Name dummy\n");
        Path main = write("conf/main.conf", "@INCLUDE " + in + "\n");
        assertEquals("INPUT{Name=dummy}", Rendered.sections(load(main)));
    }

    @Test
    void includePathsMayUseVariables() throws Exception {
        write("conf.d/in.conf", "[INPUT]\n    Name dummy\n");
        Path main = write("main.conf", "@SET part=in\n@INCLUDE ${ENVDIR}/${part}.conf\n");
        assertEquals("INPUT{Name=dummy}", Rendered.sections(load(main)));
    }

    @Test
    void keysAfterAnIncludeStayInTheSectionBeforeIt() throws Exception {
        // As in Fluent Bit: the include does not change the including file's current section.
        write("out.conf", "[OUTPUT]\n    Name null\n");
        Path main = write("main.conf", "[INPUT]\n    Name dummy\n@INCLUDE out.conf\n    Tag t\n");
        assertEquals("INPUT{Name=dummy, Tag=t} OUTPUT{Name=null}", Rendered.sections(load(main)));
    }

    @Test
    void variablesSetInAnIncludedFileApplyEverywhere() throws Exception {
        write("vars.conf", "@SET stream=logs\n");
        Path main = write("main.conf", "[OUTPUT]\n    Name kinesis_streams\n    stream ${stream}\n@INCLUDE vars.conf\n");
        assertEquals("OUTPUT{Name=kinesis_streams, stream=logs}", Rendered.sections(load(main)));
    }

    @Test
    void aCycleIsReportedWithItsChain() throws Exception {
        write("a.conf", "[INPUT]\n    Name a\n@INCLUDE b.conf\n");
        write("b.conf", "@INCLUDE a.conf\n");
        Path main = write("main.conf", "@INCLUDE a.conf\n");
        assertEquals(List.of("b.conf:1: include cycle: a.conf -> b.conf -> a.conf"), problems(main));
    }

    @Test
    void aFileIncludingItselfOrTheMainFileIsACycle() throws Exception {
        Path main = write("main.conf", "[INPUT]\n    Name a\n@INCLUDE main.conf\n@INCLUDE *.conf\n");
        assertEquals(List.of("main.conf:3: include cycle: main.conf -> main.conf",
                "main.conf:4: include cycle: main.conf -> main.conf"), problems(main));
    }

    @Test
    void aFileIncludedTwiceIsAnError() throws Exception {
        write("out.conf", "[OUTPUT]\n    Name null\n");
        Path main = write("main.conf", "@INCLUDE out.conf\n@INCLUDE ./out.conf\n");
        assertEquals(List.of("main.conf:2: 'out.conf' is already included at main.conf:1; a file can be included only once"),
                problems(main));
    }

    @Test
    void aMissingIncludeNamesTheIncludeLineAndWhereItLooked() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Path main = write("conf/sub/main.conf", "[INPUT]\n    Name dummy\n@INCLUDE missing.conf\n");
        List<String> problems = problems(main);
        assertEquals(List.of("conf/sub/main.conf:3: cannot include 'missing.conf': no such file (looked in conf/sub)"),
                problems);
    }

    @Test
    void aGlobMatchingNothingIsAnErrorAsInFluentBit() throws Exception {
        Path main = write("main.conf", "@INCLUDE conf.d/*.conf\n");
        assertEquals(List.of("main.conf:1: include pattern 'conf.d/*.conf' matches no file (looked in " + dir + ")"),
                problems(main));
    }

    @Test
    void problemsInsideIncludedFilesNameThoseFiles() throws Exception {
        write("in.conf", "[INPUT]\n    Name dummy\n    Tag\n");
        write("out.conf", "[OUTPUT\n");
        Path main = write("main.conf", "@INCLUDE in.conf\n@INCLUDE out.conf\n[FILTER]\n    Name ${NOPE}\n");
        List<String> problems = problems(main);
        assertEquals(List.of("in.conf:3: [INPUT] key 'Tag' has no value",
                "out.conf:1: section header '[OUTPUT' has no closing ']'",
                "main.conf:4: variable ${NOPE} is not set (define it with @SET, in the YAML env section, or in the environment)"),
                problems);
    }

    @Test
    void classicAndYamlFilesMayIncludeEachOther() throws Exception {
        write("outputs.yaml", "pipeline:\n  outputs:\n    - name: null\n      match: '*'\n");
        write("inputs.conf", "[INPUT]\n    Name dummy\n");
        Path classic = write("main.conf", "@INCLUDE outputs.yaml\n");
        assertEquals("OUTPUT{name=null, match=*}", Rendered.sections(load(classic)));
        Path yaml = write("main.yaml", "includes:\n  - inputs.conf\n");
        assertEquals("INPUT{Name=dummy}", Rendered.sections(load(yaml)));
    }

    @Test
    void moreThanAThousandFilesIsAnError() throws Exception {
        for (int i = 0; i < IncludeResolver.MAX_FILES; i++) write("many/" + i + ".conf", "");
        Path main = write("main.conf", "@INCLUDE many/*.conf\n");
        List<String> problems = problems(main);
        assertEquals(List.of("main.conf:1: more than 1000 config files; stopping"), problems);
    }

    @Test
    void aMissingMainFileIsReportedByName() {
        Path main = dir.resolve("nope.conf");
        assertEquals(List.of(main + ": cannot read config file: no such file"), Rendered.problems(() -> load(main)));
    }

    @Test
    void aDirectoryIsNotAConfigFile() throws Exception {
        Files.createDirectories(dir.resolve("d.conf"));
        Path main = write("main.conf", "@INCLUDE d.conf\n");
        assertEquals(List.of("main.conf:1: cannot include '" + dir.resolve("d.conf") + "': a directory, not a file"),
                problems(main).stream().map(p -> p.replace("'d.conf'", "'" + dir.resolve("d.conf") + "'")).toList());
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        Path main = dir.resolve("latin1.conf");
        Files.write(main, "[INPUT]\n    Name dummy\n    Tag caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(main + ":3: not valid UTF-8 (byte 0xe9)"), Rendered.problems(() -> load(main)));
    }

    @Test
    void loadReadsAFileWithBomAndCrlf() throws Exception {
        Path main = dir.resolve("win.conf");
        Files.write(main, "\uFEFF[INPUT]\r\n    Name dummy\r\n".getBytes(StandardCharsets.UTF_8));
        ConfigDocument doc = load(main);
        assertEquals("INPUT{Name=dummy}", Rendered.sections(doc));
        assertEquals(dir, doc.directory());
    }

    @Test
    void parseClassicResolvesIncludesNextToThePretendFile() throws Exception {
        write("out.conf", "[OUTPUT]\n    Name null\n");
        ConfigDocument doc = ConfigLoader.parseClassic("@INCLUDE out.conf\n", dir.resolve("virtual.conf"), Map.of());
        assertEquals("OUTPUT{Name=null}", Rendered.sections(doc));
    }
}
