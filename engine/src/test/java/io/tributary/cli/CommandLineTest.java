package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.log.LogLevel;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    @TempDir Path dir;

    /** {@code INPUT{Name=dummy, Tag=t}} for each section, as the config tests render them. */
    private static String sections(List<ConfigSection> sections) {
        List<String> out = new ArrayList<>();
        for (ConfigSection s : sections) {
            List<String> entries = new ArrayList<>();
            for (ConfigEntry e : s.entries()) entries.add(e.key() + "=" + e.value());
            out.add(s.name() + "{" + String.join(", ", entries) + "}");
        }
        return String.join(" ", out);
    }

    private static String service(CliOptions o) {
        return sections(List.of(new ConfigSection("SERVICE", Location.COMMAND_LINE, o.serviceEntries())));
    }

    static Stream<Arguments> pipelines() {
        String expected = "INPUT{Name=dummy, samples=1, Tag=app} OUTPUT{Name=stdout, Match=*, format=json_lines}";
        return Stream.of(
                Arguments.of(List.of("-i", "dummy", "-p", "samples=1", "-t", "app", "-o", "stdout", "-m", "*",
                        "-p", "format=json_lines"), expected),
                Arguments.of(List.of("-idummy", "-psamples=1", "-tapp", "-ostdout", "-m*", "-pformat=json_lines"), expected),
                Arguments.of(List.of("--input=dummy", "--prop=samples=1", "--tag", "app", "--output", "stdout",
                        "--match=*", "--prop", "format=json_lines"), expected),
                Arguments.of(List.of("-i", "dummy", "-p", " samples = 1 ", "-t", "app", "-o", "stdout", "-m", "*",
                        "-p", "format=json_lines"), expected),
                Arguments.of(List.of("--inp", "dummy", "--pr", "samples=1", "--ta", "app", "--out", "stdout",
                        "--mat", "*", "--prop", "format=json_lines"), expected),
                Arguments.of(List.of("-i", "forward", "-p", "port=24224", "-i", "syslog", "-p", "mode=tcp",
                        "-F", "grep", "-m", "syslog.*", "-p", "regex=message error", "-o", "null", "-m", "*",
                        "-o", "kinesis_streams", "-p", "stream=s", "-p", "region=us-east-1", "-m", "forward.*"),
                        "INPUT{Name=forward, port=24224} INPUT{Name=syslog, mode=tcp}"
                                + " FILTER{Name=grep, Match=syslog.*, regex=message error} OUTPUT{Name=null, Match=*}"
                                + " OUTPUT{Name=kinesis_streams, stream=s, region=us-east-1, Match=forward.*}"),
                Arguments.of(List.of("-C", "calyptia", "-p", "api_key=k"), "CUSTOM{Name=calyptia, api_key=k}"),
                Arguments.of(List.of("-o", "stdout", "-p", "json_date_key=", "-p", "a=b=c"),
                        "OUTPUT{Name=stdout, json_date_key=, a=b=c}"));
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void flagsBindToThePluginBeforeThem(List<String> args, String expected) throws ConfigException {
        CliOptions o = CommandLine.parse(args.toArray(String[]::new));
        assertEquals(expected, sections(o.sections()));
        for (ConfigSection s : o.sections()) {
            assertEquals(Location.COMMAND_LINE, s.location());
            for (ConfigEntry e : s.entries()) assertEquals(Location.COMMAND_LINE, e.location());
        }
    }

    @Test
    void serviceFlagsInTheOrderGiven() throws ConfigException {
        CliOptions o = CommandLine.parse("-f", "5", "-H", "-P", "2021", "-L", "127.0.0.1", "-R", "parsers.conf",
                "--parser=more.conf", "-l", "/tmp/tributary.log", "-b", "/var/lib/tributary", "-Y",
                "--http_port", "2022", "--http_server");
        assertEquals("SERVICE{Flush=5, HTTP_Server=On, HTTP_Port=2021, HTTP_Listen=127.0.0.1, Parsers_File=parsers.conf,"
                + " Parsers_File=more.conf, Log_File=/tmp/tributary.log, storage.path=/var/lib/tributary, Hot_Reload=On,"
                + " HTTP_Port=2022, HTTP_Server=On}", service(o));
        assertTrue(o.sections().isEmpty());
        assertTrue(o.configFile().isEmpty());
    }

    static Stream<Arguments> verbosity() {
        return Stream.of(
                Arguments.of(List.of(), Optional.empty()),
                Arguments.of(List.of("-v"), Optional.of(LogLevel.DEBUG)),
                Arguments.of(List.of("-vv"), Optional.of(LogLevel.TRACE)),
                Arguments.of(List.of("-v", "-v"), Optional.of(LogLevel.TRACE)),
                Arguments.of(List.of("--verbose", "--verbose", "--verbose"), Optional.of(LogLevel.TRACE)),
                Arguments.of(List.of("-vvvv"), Optional.of(LogLevel.TRACE)),
                Arguments.of(List.of("-q"), Optional.of(LogLevel.OFF)),
                Arguments.of(List.of("--quiet"), Optional.of(LogLevel.OFF)),
                Arguments.of(List.of("-q", "-v"), Optional.of(LogLevel.ERROR)),   // Fluent Bit counts up from off
                Arguments.of(List.of("-vv", "-q"), Optional.of(LogLevel.OFF)));
    }

    @ParameterizedTest
    @MethodSource("verbosity")
    void verbosityFollowsFluentBit(List<String> args, Optional<LogLevel> expected) throws ConfigException {
        assertEquals(expected, CommandLine.parse(args.toArray(String[]::new)).logLevel());
    }

    @Test
    void configDryRunAndClusters() throws ConfigException {
        CliOptions o = CommandLine.parse("-vDc", "conf/app.conf");
        assertEquals(Optional.of(Path.of("conf/app.conf")), o.configFile());
        assertTrue(o.dryRun());
        assertEquals(Optional.of(LogLevel.DEBUG), o.logLevel());
        assertTrue(CommandLine.parse("--dry-run", "--config=x.yaml").dryRun());
        assertTrue(CommandLine.parse("--dry", "--conf", "x.yaml").dryRun(), "unique prefixes, as getopt_long");
        assertFalse(CommandLine.parse("-c", "x.conf").dryRun());
    }

    @Test
    void helpIsGeneralOrForThePluginBeforeIt() throws ConfigException {
        assertEquals(Optional.of(HelpRequest.GENERAL), CommandLine.parse("-h").help());
        assertEquals(Optional.of(HelpRequest.GENERAL), CommandLine.parse("--help").help());
        HelpRequest out = CommandLine.parse("-o", "kinesis_streams", "-h").help().orElseThrow();
        assertEquals(new HelpRequest("OUTPUT", "kinesis_streams"), out);
        assertEquals(Optional.of(PluginType.OUTPUT), out.pluginType());
        assertFalse(out.general());
        assertEquals(new HelpRequest("INPUT", "forward"), CommandLine.parse("-i", "forward", "--help").help().orElseThrow());
        assertEquals(new HelpRequest("FILTER", "grep"),
                CommandLine.parse("-i", "dummy", "-F", "grep", "-h").help().orElseThrow());
        assertEquals(Optional.empty(), CommandLine.parse("-C", "calyptia", "-h").help().orElseThrow().pluginType());
        assertTrue(HelpRequest.GENERAL.general());
    }

    @Test
    void helpAndVersionStopReadingAsFluentBitExitsAtThem() throws ConfigException {
        assertEquals(Optional.of(HelpRequest.GENERAL), CommandLine.parse("-h", "-o", "x", "--bogus").help());
        assertEquals(Optional.of(HelpRequest.GENERAL), CommandLine.parse("-hvx").help());
        CliOptions v = CommandLine.parse("-V", "--bogus");
        assertTrue(v.version());
        assertTrue(CommandLine.parse("--version").version());
    }

    @Test
    void externalPluginsAndStackSizeAreAcceptedWithANote() throws ConfigException {
        // The aws-for-fluent-bit image starts fluent-bit with -e for each Go plugin.
        CliOptions o = CommandLine.parse("-e", "/fluent-bit/kinesis.so", "--plugin=/fluent-bit/firehose.so",
                "-s", "65536", "-c", "/fluent-bit/etc/fluent-bit.conf");
        assertEquals(3, o.notes().size());
        assertTrue(o.notes().getFirst().startsWith("ignoring -e /fluent-bit/kinesis.so: "), o.notes().getFirst());
        assertEquals(Optional.of(Path.of("/fluent-bit/etc/fluent-bit.conf")), o.configFile());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(List.of("-x"), "command line: unknown option '-x'; see -h"),
                Arguments.of(List.of("-vx"), "command line: unknown option '-x' in '-vx'; see -h"),
                Arguments.of(List.of("--confg", "a.conf"), "command line: unknown option '--confg' (did you mean --config?); see -h"),
                Arguments.of(List.of("--enable"), "command line: option '--enable' is ambiguous: --enable-hot-reload,"
                        + " --enable-chunk-trace, --enable-fips"),
                Arguments.of(List.of("-p", "a=b", "-i", "dummy"), "command line: -p/--prop 'a=b' comes before any -i/-F/-o;"
                        + " it sets an option of the plugin named before it"),
                Arguments.of(List.of("-t", "app"), "command line: -t/--tag 'app' comes before any -i/-F/-o; it sets an"
                        + " option of the plugin named before it"),
                Arguments.of(List.of("-i", "dummy", "-p", "samples"), "command line: -p/--prop expects key=value, got 'samples'"),
                Arguments.of(List.of("-i", "dummy", "-p", "=1"), "command line: -p/--prop expects key=value, got '=1'"),
                Arguments.of(List.of("-i", "dummy", "-m", "*"), "command line: -m/--match '*' follows [INPUT] dummy; only"
                        + " filters (-F) and outputs (-o) have a Match (an input's tag is -t)"),
                Arguments.of(List.of("-c"), "command line: -c needs FILE"),
                Arguments.of(List.of("--output"), "command line: --output needs OUTPUT"),
                Arguments.of(List.of("--dry-run=yes"), "command line: --dry-run takes no value, got '--dry-run=yes'"),
                Arguments.of(List.of("app.conf"), "command line: unexpected argument 'app.conf' (a config file goes after -c)"),
                Arguments.of(List.of("-D", "--", "extra"), "command line: unexpected argument 'extra'"),
                Arguments.of(List.of("-c", "a.conf", "-c", "b.conf"), "command line: -c/--config given twice ('a.conf', 'b.conf')"),
                Arguments.of(List.of("-i", ""), "command line: -i/--input needs a plugin name"),
                Arguments.of(List.of("-f", " "), "command line: -f/--flush needs SECONDS"),
                Arguments.of(List.of("-d"), "command line: -d/--daemon is not supported by Tributary: run it under systemd,"
                        + " a container runtime or another supervisor"),
                Arguments.of(List.of("--trace-input", "dummy.0"), "command line: --trace-input is not supported by"
                        + " Tributary: Tributary has no chunk tracing"),
                Arguments.of(List.of("-T", "SELECT * FROM STREAM:x;"), "command line: -T/--sp-task is not supported by"
                        + " Tributary: Tributary has no stream processor"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesAreClearErrors(List<String> args, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse(args.toArray(String[]::new)));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void toDocumentAppendsFlagSectionsAndOverridesTheFilesService() throws Exception {
        Path file = dir.resolve("app.conf");
        Files.writeString(file, """
                @SET stream=logs
                [SERVICE]
                    Flush        1
                    Log_Level    info
                    Parsers_File parsers.conf
                [INPUT]
                    Name forward
                [SERVICE]
                    HTTP_Port 2020
                    HTTP_Server Off
                [OUTPUT]
                    Name null
                    Match *
                """);
        CliOptions o = CommandLine.parse("-c", file.toString(), "-f", "5", "-f", "2", "-vv", "-H", "-R", "extra.conf",
                "-o", "kinesis_streams", "-m", "*", "-p", "stream=${stream}", "-p", "region=${AWS_REGION}");
        ConfigDocument doc = CommandLine.toDocument(o, Map.of("AWS_REGION", "eu-west-1"));
        assertEquals("SERVICE{Parsers_File=parsers.conf, HTTP_Port=2020, Flush=2, HTTP_Server=On, Parsers_File=extra.conf,"
                + " Log_Level=trace} INPUT{Name=forward} OUTPUT{Name=null, Match=*}"
                + " OUTPUT{Name=kinesis_streams, Match=*, stream=logs, region=eu-west-1}", sections(doc.sections()));
        ConfigSection service = doc.sections("SERVICE").getFirst();
        assertEquals(file + ":2", service.location().toString());
        assertEquals(file + ":5", service.entry("Parsers_File").orElseThrow().location().toString());
        assertEquals(Location.COMMAND_LINE, service.entry("Flush").orElseThrow().location());
        assertEquals(List.of("parsers.conf", "extra.conf"), service.getAll("parsers_file"));
        assertEquals(file, doc.mainFile());
    }

    @Test
    void toDocumentWithoutAFile() throws ConfigException {
        CliOptions o = CommandLine.parse("-i", "dummy", "-o", "stdout", "-m", "*", "-q", "-P", "2021");
        ConfigDocument doc = CommandLine.toDocument(o, Map.of());
        assertEquals("SERVICE{HTTP_Port=2021, Log_Level=off} INPUT{Name=dummy} OUTPUT{Name=stdout, Match=*}",
                sections(doc.sections()));
        assertEquals(Location.COMMAND_LINE, doc.sections().getFirst().location());
        assertEquals(null, doc.mainFile());
        assertEquals("INPUT{Name=dummy} OUTPUT{Name=stdout}",
                sections(CommandLine.toDocument(CommandLine.parse("-i", "dummy", "-o", "stdout"), Map.of()).sections()),
                "no SERVICE section when nothing sets one");
    }

    @Test
    void toDocumentReadsYamlFilesToo() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "service:\n  flush: 1\npipeline:\n  inputs:\n    - name: dummy\n");
        ConfigDocument doc = CommandLine.toDocument(CommandLine.parse("-c", file.toString(), "-f", "3"), Map.of());
        assertEquals("SERVICE{Flush=3} INPUT{name=dummy}", sections(doc.sections()));
    }

    @Test
    void toDocumentReportsFlagVariablesThatAreNotSet() throws ConfigException {
        CliOptions o = CommandLine.parse("-o", "s3", "-p", "bucket=${BUCKET}");
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.toDocument(o, Map.of()));
        assertEquals(List.of("command line: variable ${BUCKET} is not set (define it with @SET, in the YAML env"
                + " section, or in the environment)"), e.problems());
    }

    @Test
    void toDocumentReportsAMissingConfigFile() throws ConfigException {
        Path missing = dir.resolve("nope.conf");
        CliOptions o = CommandLine.parse("-c", missing.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.toDocument(o, Map.of()));
        assertEquals(missing + ": cannot read config file: no such file", e.getMessage());
    }

    @Test
    void usageListsSupportedOptionsAndPluginsByKind() {
        String usage = CommandLine.usage("tributary", List.of(
                plugin(PluginType.OUTPUT, "stdout", "Prints events to STDOUT"),
                plugin(PluginType.INPUT, "forward", "Fluentd in-forward"),
                plugin(PluginType.INPUT, "dummy", "Generate dummy data"),
                plugin(PluginType.OUTPUT, "kinesis_streams", "Send logs to Amazon Kinesis Streams")));
        assertTrue(usage.startsWith("Usage: tributary [OPTION]\n\nAvailable Options\n"), usage);
        assertTrue(usage.contains("\n  -c, --config=FILE       specify an optional configuration file\n"), usage);
        assertTrue(usage.contains("\n  -D, --dry-run           "), usage);
        assertTrue(usage.contains("\n  -p, --prop=\"A=B\"        set plugin configuration property\n"), usage);
        assertFalse(usage.contains("--daemon"), "unsupported flags are not advertised");
        assertTrue(usage.endsWith("""

                Inputs
                  dummy                   Generate dummy data
                  forward                 Fluentd in-forward

                Outputs
                  kinesis_streams         Send logs to Amazon Kinesis Streams
                  stdout                  Prints events to STDOUT
                """), usage);
    }

    private static PluginFactory plugin(PluginType type, String name, String description) {
        return new PluginFactory() {
            @Override public PluginType type() { return type; }
            @Override public String name() { return name; }
            @Override public String description() { return description; }
            @Override public ConfigSpec spec() { return ConfigSpec.empty(); }
        };
    }
}
