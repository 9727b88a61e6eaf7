package io.tributary.parser;

import io.tributary.spi.MultilineParser;
import io.tributary.spi.Parser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multiline modes Fluent Bit has built in, by the same names. docker and cri join the pieces a container
 * runtime splits long lines into; java, python and go join the lines of a stack trace. The stack-trace rules
 * follow the shapes these runtimes print: a JVM's "Exception ...:" line, tab-indented "at" frames,
 * "Caused by:"/"Suppressed:" and "... N more"; CPython's "Traceback (most recent call last):", "File" lines
 * with their indented source line and the closing "Error: message"; Go's "panic:", the goroutine header and
 * function/file line pairs.
 */
final class BuiltInMultilineParsers {
    private BuiltInMultilineParsers() {}

    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(4);

    static Map<String, MultilineParser> create() {
        Map<String, MultilineParser> out = new LinkedHashMap<>();
        out.put("docker", new JoinUntilMultilineParser("docker", dockerLineParser(), "log", "stream",
                (fields, text) -> text.endsWith("\n"), FLUSH_TIMEOUT));
        out.put("cri", new JoinUntilMultilineParser("cri", criLineParser(), "log", "stream",
                (fields, text) -> "F".equals(fields.get("_p")), FLUSH_TIMEOUT));
        out.put("java", new RegexMultilineParser("java", java(), FLUSH_TIMEOUT, null));
        out.put("python", new RegexMultilineParser("python", python(), FLUSH_TIMEOUT, null));
        out.put("go", new RegexMultilineParser("go", go(), FLUSH_TIMEOUT, null));
        return out;
    }

    /**
     * Docker json-file lines, read by a parser of their own so that a user's [PARSER] named docker (with its
     * decoders) does not change the mode. As in Fluent Bit, the first piece's time becomes the record's time and
     * the time field stays.
     */
    private static Parser dockerLineParser() {
        ParserSettings s = new ParserSettings("docker", new TimeExtraction("time",
                TimeFormat.compile("%Y-%m-%dT%H:%M:%S.%L"), true, java.time.ZoneOffset.UTC),
                FieldTypes.NONE, List.of(), false, new BurstLog(io.tributary.spi.PluginLog.of("parser")));
        return new JsonFormatParser(s);
    }

    /** CRI lines: {@code <RFC3339Nano time> <stdout|stderr> <P|F>[:more tags] <text>}; the flag lands in {@code _p}. */
    private static Parser criLineParser() {
        ParserSettings s = new ParserSettings("cri", new TimeExtraction("time",
                TimeFormat.compile("%Y-%m-%dT%H:%M:%S.%L%z"), true, java.time.ZoneOffset.UTC),
                FieldTypes.NONE, List.of(), false, new BurstLog(io.tributary.spi.PluginLog.of("parser")));
        return new RegexFormatParser(s, OnigmoPattern.compile(
                "^(?<time>[^ ]+) (?<stream>stdout|stderr) (?<_p>F|P)[^ ]* (?<log>.*)$"));
    }

    private static List<MultilineRule> rules(String... triples) {
        List<MultilineRule> rules = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            rules.add(new MultilineRule(triples[i], OnigmoPattern.compile(triples[i + 1]), triples[i + 2]));
        }
        return rules;
    }

    private static List<MultilineRule> java() {
        // The frames and markers that may follow an exception line, in the states that expect them.
        String[] continuation = {
                "^[\\t ]+(?:eval )?at ",                                         // stack frame
                "^[\\t ]*(?:Caused by|Suppressed):",                            // chained exception
                "^[\\t ]*\\.\\.\\. \\d+ (?:more|common frames omitted)",        // elided frames
                "^[\\t ]+--- End of inner exception stack trace ---$",
                "^--- End of stack trace from previous location where exception was thrown ---$",
        };
        List<String> t = new ArrayList<>(List.of(
                MultilineRule.START, "(?:Exception|Error|Throwable|V8 errors stack trace)[:\\r\\n]", "java_after_exception",
                "java_after_exception", "^[\\t ]*nested exception is:[\\t ]*", "java_start_exception",
                "java_after_exception", "^[\\r\\n]*$", "java_after_exception",
                "java_start_exception", "(?:Exception|Error|Throwable)[:\\r\\n]", "java_after_exception"));
        for (String state : new String[] {"java_after_exception", "java"}) {
            for (String c : continuation) {
                t.add(state);
                t.add(c);
                t.add(c.contains("Caused by") ? "java_after_exception" : "java");
            }
        }
        return rules(t.toArray(new String[0]));
    }

    /**
     * A traceback ends at its "Type: message" line. Chained tracebacks ("During handling of the above exception
     * ...") come out as separate records, as in Fluent Bit; unlike Fluent Bit, the closing line is not also
     * emitted a second time on its own.
     */
    private static List<MultilineRule> python() {
        return rules(
                MultilineRule.START, "^Traceback \\(most recent call last\\):$", "python",
                "python", "^[\\t ]+File ", "python_code",
                "python_code", "[^\\t ]", "python",
                "python", "^(?:[^\\s.():]+\\.)*[^\\s.():]+:", "python_end");
    }

    private static List<MultilineRule> go() {
        return rules(
                MultilineRule.START, "\\bpanic: ", "go_after_panic",
                MultilineRule.START, "http: panic serving", "go_goroutine",
                "go_after_panic", "^$", "go_goroutine",
                "go_after_panic", "^\\[signal ", "go_after_signal",
                "go_after_signal", "^$", "go_goroutine",
                "go_goroutine", "^goroutine \\d+ \\[[^\\]]+\\]:$", "go_frame_1",
                "go_frame_1", "^(?:[^\\s.:]+\\.)*[^\\s.():]+\\(|^created by ", "go_frame_2",
                "go_frame_1", "^$", "go_goroutine",
                "go_frame_2", "^\\s", "go_frame_1");
    }
}
