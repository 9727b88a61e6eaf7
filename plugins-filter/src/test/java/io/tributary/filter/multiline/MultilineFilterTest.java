package io.tributary.filter.multiline;

import io.tributary.filter.FilterHarness;
import io.tributary.filter.TestFilterContext;
import io.tributary.parser.ParserRegistry;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultilineFilterTest {
    /** A Java stack trace as Docker's json-file driver writes it, one line per record, each ending in \n. */
    static final String[] JAVA = {
            "{\"log\":\"single line before\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"Exception in thread \\\"main\\\" java.lang.IllegalStateException: boom\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"\\tat com.example.App.run(App.java:10)\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"\\tat com.example.App.main(App.java:5)\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"Caused by: java.lang.RuntimeException: inner\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"\\tat com.example.Lib.call(Lib.java:3)\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"\\t... 2 more\\n\",\"stream\":\"stdout\"}",
            "{\"log\":\"next line after\\n\",\"stream\":\"stdout\"}",
    };

    static List<String> bodies(List<LogEvent> events) {
        List<String> out = new ArrayList<>();
        for (LogEvent e : events) out.add(FilterHarness.json(e.body()));
        return out;
    }

    static List<String> run(FilterPlugin f, String... records) {
        List<LogEvent> list = FilterHarness.events(records);
        f.filter("app", list);
        return bodies(list);
    }

    @Test
    void javaStackTraceBecomesOneRecord() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "java");
            f.start(ctx);
            List<String> out = run(f, JAVA);
            // Same three records Fluent Bit 5.1.1 gives for these lines; the last one waits for a possible next line.
            assertEquals(List.of(
                    "{\"log\":\"single line before\\n\",\"stream\":\"stdout\"}",
                    "{\"log\":\"Exception in thread \\\"main\\\" java.lang.IllegalStateException: boom\\n\\tat com.example.App.run(App.java:10)\\n"
                            + "\\tat com.example.App.main(App.java:5)\\nCaused by: java.lang.RuntimeException: inner\\n"
                            + "\\tat com.example.Lib.call(Lib.java:3)\\n\\t... 2 more\\n\",\"stream\":\"stdout\"}",
                    "{\"log\":\"next line after\\n\",\"stream\":\"stdout\"}"), out);
            f.stop();
        }
    }

    @Test
    void linesWithoutNewlinesAreJoinedWithOne() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "java");
            f.start(ctx);
            List<String> out = run(f,
                    "{\"log\":\"Exception in thread \\\"main\\\" java.lang.IllegalStateException: boom\"}",
                    "{\"log\":\"\\tat com.example.App.run(App.java:10)\"}",
                    "{\"log\":\"next\"}");
            assertEquals(List.of("{\"log\":\"Exception in thread \\\"main\\\" java.lang.IllegalStateException: boom\\n\\tat com.example.App.run(App.java:10)\"}",
                    "{\"log\":\"next\"}"), out);
            f.stop();
        }
    }

    @Test
    void traceSplitAcrossAppendsIsReEmittedAfterFlushMs() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log",
                    "multiline.parser", "java", "flush_ms", "100");
            f.start(ctx);
            assertEquals(List.of("{\"log\":\"single line before\\n\",\"stream\":\"stdout\"}"), run(f, JAVA[0], JAVA[1], JAVA[2]));
            assertEquals(List.of(), run(f, JAVA[3]), "the open trace is held across appends");
            Await.until(Duration.ofSeconds(20), "the joined trace to be re-emitted", () -> ctx.emitted.size() == 1);
            assertEquals("app", ctx.emitted.get(0).tag());
            String log = (String) ctx.emitted.get(0).event().body().get("log");
            assertTrue(log.startsWith("Exception in thread") && log.endsWith("(App.java:5)\n") && log.split("\n").length == 3, log);
            f.stop();
        }
    }

    @Test
    void refusedReEmitIsRetriedNotLost() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log",
                    "multiline.parser", "java", "flush_ms", "50");
            f.start(ctx);
            ctx.refuse = true;
            run(f, JAVA[1], JAVA[2]);
            Thread.sleep(300);   // several flush rounds while the engine refuses: the trace must survive them
            ctx.refuse = false;
            Await.until(Duration.ofSeconds(20), "the held trace to be re-emitted once the engine accepts it", () -> ctx.emitted.size() == 1);
            f.stop();
        }
    }

    @Test
    void bufferOffEmitsOpenMessagesAtTheEndOfEachAppend() throws Exception {
        FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "java", "buffer", "off");
        List<String> out = run(f, JAVA[1], JAVA[2]);
        assertEquals(1, out.size());
        assertTrue(out.get(0).contains("boom\\n\\tat com.example.App.run"), out.get(0));
    }

    @Test
    void dockerModeJoinsPartialRuntimeLinesPerStream() throws Exception {
        FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.parser", "docker", "buffer", "off");
        List<String> out = run(f,
                "{\"log\":\"{\\\"log\\\":\\\"part one \\\",\\\"stream\\\":\\\"stderr\\\"}\"}",
                "{\"log\":\"{\\\"log\\\":\\\"whole\\\\n\\\",\\\"stream\\\":\\\"stdout\\\"}\"}",
                "{\"log\":\"{\\\"log\\\":\\\"part two\\\\n\\\",\\\"stream\\\":\\\"stderr\\\"}\"}",
                "{\"log\":\"not docker json\"}");
        assertEquals(List.of("{\"log\":\"whole\\n\",\"stream\":\"stdout\"}",
                "{\"log\":\"part one part two\\n\",\"stream\":\"stderr\"}",
                "{\"log\":\"not docker json\"}"), out);
    }

    @Test
    void dockerModeTakesTheTimeFromDockersJson() throws Exception {
        FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.parser", "docker", "buffer", "off");
        List<LogEvent> list = FilterHarness.events("{\"log\":\"{\\\"log\\\":\\\"x\\\\n\\\",\\\"stream\\\":\\\"stdout\\\",\\\"time\\\":\\\"2026-01-02T03:04:05.123456789Z\\\"}\"}");
        f.filter("app", list);
        assertEquals("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-02T03:04:05.123456789Z\"}",
                FilterHarness.json(list.get(0).body()), "the time field stays, as in Fluent Bit");
        assertEquals(1767323045L, list.get(0).time().seconds());
        assertEquals(123456789, list.get(0).time().nanos());
    }

    @Test
    void criModeJoinsPartialLines() throws Exception {
        FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.parser", "docker, cri", "buffer", "off");
        List<String> out = run(f,
                "{\"log\":\"2026-01-02T03:04:05.000000001+00:00 stdout P first \"}",
                "{\"log\":\"2026-01-02T03:04:05.000000002+00:00 stdout F second\"}");
        assertEquals(List.of("{\"time\":\"2026-01-02T03:04:05.000000001+00:00\",\"stream\":\"stdout\",\"_p\":\"P\",\"log\":\"first second\"}"), out);
    }

    @Test
    void pythonTracebacksAsFluentBitJoinsThem() throws Exception {
        FilterPlugin py = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "python", "buffer", "off");
        List<String> out = run(py, lines("Traceback (most recent call last):", "  File \"app.py\", line 3, in <module>", "    main()",
                "  File \"app.py\", line 2, in main", "    raise ValueError(\"bad\")", "ValueError: bad value", "after",
                "Traceback (most recent call last):", "  File \"b.py\", line 1, in <module>", "KeyError: 1", "",
                "During handling of the above exception, another exception occurred:", "",
                "Traceback (most recent call last):", "  File \"b.py\", line 3, in <module>", "TypeError: x", "end"));
        // Fluent Bit 5.1.1 gives these records, plus a second copy of "ValueError: bad value" that we do not repeat.
        assertEquals(List.of(
                log("Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    main()\n  File \"app.py\", line 2, in main\n"
                        + "    raise ValueError(\"bad\")\nValueError: bad value"),
                log("after"),
                log("Traceback (most recent call last):\n  File \"b.py\", line 1, in <module>\nKeyError: 1"),
                log(""), log("During handling of the above exception, another exception occurred:"), log(""),
                log("Traceback (most recent call last):\n  File \"b.py\", line 3, in <module>\nTypeError: x"),
                log("end")), out);
    }

    @Test
    void goPanicsAsFluentBitJoinsThem() throws Exception {
        FilterPlugin go = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "go", "buffer", "off");
        List<String> out = run(go, lines("panic: runtime error: index out of range", "", "goroutine 1 [running]:", "main.main()",
                "\t/app/main.go:8 +0x1d", "exit status 2", "http: panic serving 1.2.3.4: boom", "goroutine 7 [running]:",
                "net/http.(*conn).serve.func1(0xc)", "\t/usr/go/net/http/server.go:1 +0x1", "created by net/http.(*Server).Serve",
                "\t/usr/go/net/http/server.go:2 +0x2", "last"));
        assertEquals(List.of(
                log("panic: runtime error: index out of range\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x1d"),
                log("exit status 2"),
                log("http: panic serving 1.2.3.4: boom\ngoroutine 7 [running]:\nnet/http.(*conn).serve.func1(0xc)\n"
                        + "\t/usr/go/net/http/server.go:1 +0x1\ncreated by net/http.(*Server).Serve\n\t/usr/go/net/http/server.go:2 +0x2"),
                log("last")), out);
    }

    /** Records {"log": line} for each line, as tail without a parser makes them. */
    static String[] lines(String... lines) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) out[i] = log(lines[i]);
        return out;
    }

    static String log(String text) {
        return "{\"log\":" + new io.tributary.record.JsonWriter().string(text) + "}";
    }

    @Test
    void partialMessageModeJoinsFireLensSplitRecords() throws Exception {
        FilterPlugin f = FilterHarness.create(new MultilineFactory(), "mode", "partial_message", "multiline.key_content", "log", "buffer", "off");
        List<String> out = run(f,
                "{\"log\":\"aaa\",\"partial_message\":\"true\",\"partial_id\":\"p1\",\"partial_ordinal\":\"1\",\"partial_last\":\"false\",\"source\":\"stdout\"}",
                "{\"log\":\"single\",\"source\":\"stdout\"}",
                "{\"log\":\"bbb\",\"partial_message\":\"true\",\"partial_id\":\"p1\",\"partial_ordinal\":\"2\",\"partial_last\":\"true\",\"source\":\"stdout\"}");
        assertEquals(List.of("{\"log\":\"single\",\"source\":\"stdout\"}", "{\"log\":\"aaabbb\",\"source\":\"stdout\"}"), out);
    }

    @Test
    void concurrentInputsWithTheirOwnTagsKeepTheirTracesApart() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            // A long flush_ms: only the lines themselves may close a trace here, never a slow scheduler.
            FilterPlugin f = FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log", "multiline.parser", "java",
                    "flush_ms", "600000");
            f.start(ctx);
            int threads = 4;
            int traces = 300;
            List<List<String>> results = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
                results.add(got);
                String tag = "app." + t;
                workers.add(Thread.ofPlatform().start(() -> {
                    java.util.Random random = new java.util.Random(tag.hashCode());
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < traces; i++) {
                        lines.add(log("java.lang.IllegalStateException: " + tag + " #" + i));
                        lines.add(log("\tat a.B.c(B.java:" + i + ")"));
                        lines.add(log("\tat a.B.main(B.java:1)"));
                    }
                    lines.add(log("done"));
                    // Appends of random sizes, so traces are cut at every possible point.
                    for (int i = 0; i < lines.size(); ) {
                        int n = Math.min(lines.size() - i, 1 + random.nextInt(5));
                        List<LogEvent> batch = FilterHarness.events(lines.subList(i, i + n).toArray(new String[0]));
                        f.filter(tag, batch);
                        for (LogEvent e : batch) got.add((String) e.body().get("log"));
                        i += n;
                    }
                }));
            }
            for (Thread w : workers) w.join();
            for (int t = 0; t < threads; t++) {
                List<String> got = results.get(t);
                assertEquals(traces + 1, got.size(), "app." + t);
                for (int i = 0; i < traces; i++) {
                    assertEquals("java.lang.IllegalStateException: app." + t + " #" + i + "\n\tat a.B.c(B.java:" + i + ")\n\tat a.B.main(B.java:1)",
                            got.get(i));
                }
            }
            f.stop();
        }
    }

    @Test
    void configErrors() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new MultilineFactory(), "multiline.parser", "jav", "multiline.key_content", "log"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new MultilineFactory(), "multiline.parser", "java"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new MultilineFactory(), "multiline.key_content", "log"));
    }
}
