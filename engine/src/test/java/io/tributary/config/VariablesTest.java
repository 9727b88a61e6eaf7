package io.tributary.config;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariablesTest {
    private static final Path FILE = Path.of("app.conf");
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1", "PORT", "24224", "HOME", "/root");

    private static String tagOf(String text) throws ConfigException {
        ConfigDocument doc = ConfigLoader.parseClassic(text, FILE, ENV);
        return doc.sections("INPUT").getFirst().get("Tag").orElseThrow();
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("from the environment", "[INPUT]\n    Tag ${AWS_REGION}\n", "eu-west-1"),
                Arguments.of("from @SET", "@SET app=web\n[INPUT]\n    Tag ${app}.logs\n", "web.logs"),
                Arguments.of("@SET wins over the environment", "@SET PORT=1\n[INPUT]\n    Tag ${PORT}\n", "1"),
                Arguments.of("several in one value", "@SET a=x\n[INPUT]\n    Tag ${a}-${PORT}-${a}\n", "x-24224-x"),
                Arguments.of("the last @SET wins everywhere, above it too (as Fluent Bit)",
                        "@SET a=1\n[INPUT]\n    Tag ${a}\n@SET a=2\n", "2"),
                Arguments.of("@SET name and value are trimmed (Fluent Bit keeps the spaces)",
                        "@SET a = b c \n[INPUT]\n    Tag <${a}>\n", "<b c>"),
                Arguments.of("an @SET value may use earlier variables",
                        "@SET base=${HOME}/logs\n@SET dir=${base}/app\n[INPUT]\n    Tag ${dir}\n", "/root/logs/app"),
                Arguments.of("@set in lower case", "@set a=1\n[INPUT]\n    Tag ${a}\n", "1"),
                Arguments.of("an @SET value may hold '='", "@SET kv=a=b\n[INPUT]\n    Tag ${kv}\n", "a=b"),
                Arguments.of("an unterminated ${ is kept as written", "[INPUT]\n    Tag a${b\n", "a${b"),
                Arguments.of("a lone $ is kept", "[INPUT]\n    Tag ^x$\n", "^x$"),
                Arguments.of("a substituted value is not expanded again",
                        "@SET a=${\n@SET b=${a}PORT}\n[INPUT]\n    Tag ${b}\n", "${PORT}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expands(String why, String text, String expected) throws ConfigException {
        assertEquals(expected, tagOf(text));
    }

    @Test
    void aMissingVariableIsAnErrorNamingItAndWhereItIsUsed() {
        List<String> problems = Rendered.problems(() -> ConfigLoader.parseClassic(
                "[INPUT]\n    Name dummy\n    Tag ${NOPE}\n[OUTPUT]\n    Name ${ALSO_NOPE}\n", FILE, ENV));
        assertEquals(List.of(
                "app.conf:3: variable ${NOPE} is not set (define it with @SET, in the YAML env section, or in the environment)",
                "app.conf:5: variable ${ALSO_NOPE} is not set (define it with @SET, in the YAML env section, or in the environment)"),
                problems);
    }

    @Test
    void aMissingVariableInAnSetValueIsReportedAtTheSet() {
        List<String> problems = Rendered.problems(() -> ConfigLoader.parseClassic(
                "@SET a=${NOPE}/x\n[INPUT]\n    Tag ${a}\n", FILE, ENV));
        assertEquals(1, problems.size(), Rendered.show(problems));
        assertTrue(problems.getFirst().startsWith("app.conf:1: variable ${NOPE} is not set"), problems.getFirst());
    }

    @Test
    void variablesAreCaseSensitive() {
        List<String> problems = Rendered.problems(() -> ConfigLoader.parseClassic(
                "[INPUT]\n    Tag ${aws_region}\n", FILE, ENV));
        assertEquals(1, problems.size());
    }

    @Test
    void anEmptyReferenceIsAnError() {
        assertEquals(List.of("app.conf:2: empty variable reference '${}'"),
                Rendered.problems(() -> ConfigLoader.parseClassic("[INPUT]\n    Tag a${}b\n", FILE, ENV)));
    }

    @Test
    void keysAndSectionNamesAreNotExpanded() throws ConfigException {
        ConfigDocument doc = ConfigLoader.parseClassic("[INPUT]\n    ${K} v\n", FILE, Map.of());
        assertEquals("INPUT{${K}=v}", Rendered.sections(doc));
    }

    @org.junit.jupiter.api.io.TempDir Path dir;

    private Path write(String text) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("vars.conf"), text);
    }

    @Test
    void loadedVariablesExposeWhatTheConfigDefined() throws Exception {
        Variables v = Variables.of(Map.of("a", "1"), ENV);
        assertEquals("1", v.get("a").orElseThrow());
        assertEquals("24224", v.get("PORT").orElseThrow());
        assertEquals(Map.of("a", "1"), v.defined());
        LoadedConfig loaded = ConfigLoader.read(write("@SET z=1\n@SET a=2\n@SET m=3\n@SET a=4\n"), ENV);
        assertEquals(List.of("z", "m", "a"), List.copyOf(loaded.variables().defined().keySet()),
                "definition order, a redefinition counting as the latest");
        assertEquals("4", loaded.variables().get("a").orElseThrow());
        List<String> problems = new ArrayList<>();
        assertEquals("1:24224:", v.expand("${a}:${PORT}:${X}", Location.COMMAND_LINE, problems));
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().startsWith("command line: variable ${X} is not set"), problems.getFirst());
    }
}
