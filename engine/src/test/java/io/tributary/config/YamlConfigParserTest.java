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

class YamlConfigParserTest {
    private static final Path FILE = Path.of("conf", "app.yaml");
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1");

    private static ConfigDocument parse(String text) throws ConfigException {
        return ConfigLoader.parseYaml(text, FILE, ENV);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("service and a pipeline",
                        """
                        service:
                          flush: 1
                          log_level: info
                        pipeline:
                          inputs:
                            - name: dummy
                              tag: app
                          filters:
                            - name: grep
                              match: '*'
                              regex: log aa
                          outputs:
                            - name: stdout
                              match: '*'
                        """,
                        "SERVICE{flush=1, log_level=info} INPUT{name=dummy, tag=app} FILTER{name=grep, match=*, regex=log aa}"
                                + " OUTPUT{name=stdout, match=*}"),
                Arguments.of("scalars are taken as written, never converted",
                        """
                        pipeline:
                          outputs:
                            - name: null
                              match: "*"
                              retry_limit: false
                              tls: on
                              flush: 1.50
                              port: 0x10
                              empty: ""
                              tilde: ~
                        """,
                        "OUTPUT{name=null, match=*, retry_limit=false, tls=on, flush=1.50, port=0x10, empty=, tilde=~}"),
                Arguments.of("a list value becomes the key repeated",
                        """
                        pipeline:
                          filters:
                            - name: modify
                              match: '*'
                              set:
                                - k1 v1
                                - k2 v2
                              add: [k3 v3, k4 v4]
                        """,
                        "FILTER{name=modify, match=*, set=k1 v1, set=k2 v2, add=k3 v3, add=k4 v4}"),
                Arguments.of("a repeated key is kept as written, as in classic files",
                        "pipeline:\n  inputs:\n    - name: dummy\n      tag: a\n      tag: b\n",
                        "INPUT{name=dummy, tag=a, tag=b}"),
                Arguments.of("${VAR} from env, then the environment; env values may use earlier ones",
                        """
                        env:
                          STREAM: logs
                          FULL: ${AWS_REGION}/${STREAM}
                        pipeline:
                          outputs:
                            - name: kinesis_streams
                              stream: ${STREAM}
                              region: ${AWS_REGION}
                              tag: ${FULL}
                        """,
                        "OUTPUT{name=kinesis_streams, stream=logs, region=eu-west-1, tag=eu-west-1/logs}"),
                Arguments.of("parsers and multiline parsers; rules become classic rule lines",
                        """
                        parsers:
                          - name: json
                            format: json
                            time_key: time
                        multiline_parsers:
                          - name: ml
                            type: regex
                            flush_timeout: 1000
                            rules:
                              - state: start_state
                                regex: '/([a-zA-Z]+ \\d+ \\d+\\:\\d+\\:\\d+)(.*)/'
                                next_state: cont
                              - state: cont
                                regex: '/^\\s+at.*"quoted"/'
                                next_state: cont
                        """,
                        "PARSER{name=json, format=json, time_key=time} MULTILINE_PARSER{name=ml, type=regex, flush_timeout=1000,"
                                + " rule=\"start_state\" \"/([a-zA-Z]+ \\d+ \\d+\\:\\d+\\:\\d+)(.*)/\" \"cont\","
                                + " rule=\"cont\" \"/^\\s+at.*\\\"quoted\\\"/\" \"cont\"}"),
                Arguments.of("customs, plugins and upstream servers map to their classic sections",
                        """
                        customs:
                          - name: calyptia
                            api_key: x
                        plugins:
                          - /opt/out_gstdout.so
                        upstream_servers:
                          - name: forward-balancing
                            nodes:
                              - name: node-1
                                host: 127.0.0.1
                                port: 43000
                              - name: node-2
                                host: 127.0.0.2
                        pipeline:
                          customs:
                            - name: other
                        """,
                        "CUSTOM{name=calyptia, api_key=x} PLUGINS{path=/opt/out_gstdout.so} UPSTREAM{name=forward-balancing}"
                                + " NODE{name=node-1, host=127.0.0.1, port=43000} NODE{name=node-2, host=127.0.0.2}"
                                + " CUSTOM{name=other}"),
                Arguments.of("several pipeline blocks are read in order (Fluent Bit accepts them)",
                        "pipeline:\n  inputs:\n    - name: a\npipeline:\n  outputs:\n    - name: b\n",
                        "INPUT{name=a} OUTPUT{name=b}"),
                Arguments.of("merge keys, the map's own keys winning",
                        """
                        defaults: &kinesis
                          - name: template
                        pipeline:
                          outputs:
                            - &base
                              name: kinesis_streams
                              region: us-east-1
                              stream: a
                            - <<: *base
                              stream: b
                        """,
                        "DEFAULTS{name=template} OUTPUT{name=kinesis_streams, region=us-east-1, stream=a}"
                                + " OUTPUT{name=kinesis_streams, region=us-east-1, stream=b}"),
                Arguments.of("keys at the top and in the pipeline are case-insensitive",
                        "Service:\n  Flush: 1\nPipeline:\n  Inputs:\n    - Name: dummy\n",
                        "SERVICE{Flush=1} INPUT{Name=dummy}"),
                Arguments.of("a CRLF file with a byte-order mark",
                        "\uFEFFpipeline:\r\n  inputs:\r\n    - name: dummy\r\n",
                        "INPUT{name=dummy}"),
                Arguments.of("an empty file", "", ""),
                Arguments.of("only a comment", "# nothing yet\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void parses(String why, String text, String expected) throws ConfigException {
        assertEquals(expected, Rendered.sections(parse(text)));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("processors, which Fluent Bit runs and Tributary cannot",
                        """
                        pipeline:
                          inputs:
                            - name: dummy
                              processors:
                                logs:
                                  - name: content_modifier
                        """,
                        List.of("conf/app.yaml:4: 'processors' are not supported: Tributary has no processors; move them"
                                + " to pipeline.filters (for example content_modifier -> modify)")),
                Arguments.of("any other nested map as a value",
                        "pipeline:\n  inputs:\n    - name: dummy\n      dummy:\n        a: 1\n",
                        List.of("conf/app.yaml:4: 'dummy' is a nested map; option values must be plain values or lists")),
                Arguments.of("a key with nothing after it",
                        "pipeline:\n  inputs:\n    - name: dummy\n      alias:\n      tag: t\n",
                        List.of("conf/app.yaml:4: 'alias' has no value")),
                Arguments.of("a list holding maps",
                        "pipeline:\n  filters:\n    - name: modify\n      set:\n        - a: 1\n",
                        List.of("conf/app.yaml:5: 'set' lists must hold plain values")),
                Arguments.of("an unknown pipeline component (Fluent Bit rejects it too)",
                        "pipeline:\n  inputz:\n    - name: dummy\n",
                        List.of("conf/app.yaml:2: unknown pipeline component 'inputz' (expected inputs, filters, outputs or customs)")),
                Arguments.of("inputs given as a map instead of a list",
                        "pipeline:\n  inputs:\n    name: dummy\n",
                        List.of("conf/app.yaml:3: 'inputs' must be a list of maps (each item starting with '- name:')")),
                Arguments.of("service twice (Fluent Bit rejects it too)",
                        "service:\n  flush: 1\nservice:\n  flush: 2\n",
                        List.of("conf/app.yaml:3: 'service' is defined twice (first at conf/app.yaml:1); merge them into one")),
                Arguments.of("a missing variable",
                        "pipeline:\n  outputs:\n    - name: s3\n      bucket: ${BUCKET}\n",
                        List.of("conf/app.yaml:4: variable ${BUCKET} is not set (define it with @SET, in the YAML env"
                                + " section, or in the environment)")),
                Arguments.of("a rule missing next_state, and an unknown rule key",
                        "multiline_parsers:\n  - name: ml\n    rules:\n      - state: start_state\n        regex: /x/\n"
                                + "      - state: a\n        regex: /y/\n        next: b\n",
                        List.of("conf/app.yaml:4: a rule needs state, regex and next_state",
                                "conf/app.yaml:8: unknown rule key 'next' (expected state, regex, next_state)",
                                "conf/app.yaml:6: a rule needs state, regex and next_state")),
                Arguments.of("the top level is a list",
                        "- name: dummy\n",
                        List.of("conf/app.yaml:1: the top level of a YAML config must be a map (env, service, pipeline, ...)")),
                Arguments.of("an unknown top-level scalar",
                        "pipelines: 3\n",
                        List.of("conf/app.yaml:1: unknown top-level key 'pipelines' (expected env, includes, service,"
                                + " pipeline, parsers, multiline_parsers, customs, plugins or upstream_servers)")),
                Arguments.of("a YAML syntax error names its line",
                        "pipeline:\n  inputs:\n    - name: dummy\n   tag: x\n",
                        List.of("conf/app.yaml:4: YAML syntax error: expected <block end>, but found '<block mapping start>'")),
                Arguments.of("tabs for indentation",
                        "pipeline:\n\tinputs: []\n",
                        List.of("conf/app.yaml:2: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                                + " (Do not use \\t(TAB) for indentation)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejects(String why, String text, List<String> expected) {
        assertEquals(expected, Rendered.problems(() -> parse(text)));
    }

    @Test
    void everyEntryCarriesItsLine() throws ConfigException {
        ConfigDocument doc = parse("""
                service:
                  flush: 1
                pipeline:
                  inputs:
                    - name: dummy

                      tag: t
                  filters:
                    - name: modify
                      set:
                        - a 1
                        - b 2
                """);
        assertEquals(List.of("[SERVICE]@conf/app.yaml:2", "flush@conf/app.yaml:2",
                "[INPUT]@conf/app.yaml:5", "name@conf/app.yaml:5", "tag@conf/app.yaml:7",
                "[FILTER]@conf/app.yaml:9", "name@conf/app.yaml:9", "set@conf/app.yaml:11", "set@conf/app.yaml:12"),
                Rendered.locations(doc));
    }

    @Test
    void aYamlRuleIsTheSameEntryAsTheClassicRuleLine() throws ConfigException {
        ConfigDocument yaml = parse("""
                multiline_parsers:
                  - name: ml
                    rules:
                      - state: start_state
                        regex: '/^\\d{4}-\\d{2}/'
                        next_state: cont
                """);
        ConfigDocument classic = ConfigLoader.parseClassic(
                "[MULTILINE_PARSER]\n    name ml\n    rule \"start_state\" \"/^\\d{4}-\\d{2}/\" \"cont\"\n", null, Map.of());
        assertEquals(Rendered.sections(classic), Rendered.sections(yaml));
    }
}
