package io.tributary.dist;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distribution as users run it: bin/tributary as a process. */
class LauncherIT {
    @TempDir Path dir;

    @Test
    void dummyToStdoutPrintsRecords() throws Exception {
        Path conf = TributaryProcess.writeConfig(dir, "t.conf", """
                [SERVICE]
                    Flush 0.2
                [INPUT]
                    Name  dummy
                    Tag   hello
                    Dummy {"message":"hi there","n":7}
                    Rate  20
                [OUTPUT]
                    Name   stdout
                    Match  *
                    Format json_lines
                """);
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString())) {
            Await.until(Duration.ofSeconds(20), "records on stdout", () -> p.stdout().contains("\"message\":\"hi there\""));
            String line = p.stdout().lines().filter(l -> l.contains("hi there")).findFirst().orElseThrow();
            assertTrue(line.matches("\\{\"date\":\\d+\\.\\d{6},\"message\":\"hi there\",\"n\":7}"), line);
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(15)), p.stderr());
        }
    }

    @Test
    void commandLinePipelineWithoutConfigFile() throws Exception {
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-i", "dummy", "-p", "dummy={\"k\":\"v\"}", "-t", "cli",
                "-o", "stdout", "-m", "*", "-p", "format=json_lines", "-f", "0.2")) {
            Await.until(Duration.ofSeconds(20), "a record on stdout", () -> p.stdout().contains("\"k\":\"v\""));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(15)), p.stderr());
        }
    }

    @Test
    void badConfigExitsNonZeroNamingFileAndLineBeforeStarting() throws Exception {
        Path conf = TributaryProcess.writeConfig(dir, "bad.conf", """
                [INPUT]
                    Name dummy
                    Rate 1

                [OUTPUT]
                    Name  stdout
                    Match *
                    Formatt json
                """);
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString())) {
            int code = p.waitFor(Duration.ofSeconds(20));
            assertEquals(1, code);
            assertTrue(p.stderr().contains(conf + ":8:"), p.stderr());
            assertTrue(p.stderr().contains("unknown key 'Formatt' (did you mean 'format'?)"), p.stderr());
            assertFalse(p.stderr().contains("started"), p.stderr());
            assertEquals("", p.stdout());
        }
    }

    @Test
    void classDataSharingArchiveIsWrittenByARunUsedByTheNextAndIgnoredSilentlyWhenDamaged() throws Exception {
        Path cds = dir.resolve("cds");
        Map<String, String> env = Map.of("TRIBUTARY_CDS_DIR", cds.toString());
        try (TributaryProcess p = TributaryProcess.start(env, "--version")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
        }
        assertEquals(List.of(), archives(cds), "a --version run leaves the archive to a real run");

        try (TributaryProcess p = TributaryProcess.start(env, "-i", "dummy", "-o", "null", "-m", "*", "-f", "0.2")) {
            Await.until(Duration.ofSeconds(20), "the engine started",
                    () -> (p.stderr() + p.stdout()).contains("Tributary 0") && (p.stderr() + p.stdout()).contains(" started"));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), p.stderr());
        }
        List<Path> written = archives(cds);
        assertEquals(1, written.size(), "the run wrote its archive when it exited: " + written);
        assertTrue(written.get(0).getFileName().toString().matches("tributary-\\d+-\\d+\\.jsa\\.\\d+"), written.toString());

        // The next start names it and maps it; nothing about it is printed.
        try (TributaryProcess p = TributaryProcess.start(env, "--version")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
            assertEquals("", p.stderr());
            assertTrue(p.stdout().startsWith("Tributary v"), p.stdout());
        }
        List<Path> named = archives(cds);
        assertEquals(1, named.size(), named.toString());
        assertTrue(named.get(0).getFileName().toString().endsWith(".jsa"), named.toString());

        // A damaged archive only costs the start its speed: the JVM says nothing and the run still exits 0.
        byte[] whole = Files.readAllBytes(named.get(0));
        Files.write(named.get(0), java.util.Arrays.copyOf(whole, whole.length / 3));
        try (TributaryProcess p = TributaryProcess.start(env, "-D", "-i", "dummy", "-o", "null", "-m", "*")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
            assertFalse(p.stdout().contains("cds") || p.stderr().contains("cds") || p.stderr().contains("archive"),
                    p.stdout() + p.stderr());
        }

        try (TributaryProcess p = TributaryProcess.start(Map.of("TRIBUTARY_CDS_DIR", "off"), "-D", "-i", "dummy", "-o", "null",
                "-m", "*")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
        }
        assertFalse(Files.exists(Path.of("off")), "off is not a directory name");
    }

    private static List<Path> archives(Path cds) throws java.io.IOException {
        if (!Files.isDirectory(cds)) return List.of();
        try (var files = Files.list(cds)) {
            return files.sorted().toList();
        }
    }

    @Test
    void dryRunValidatesAndExits() throws Exception {
        Path good = TributaryProcess.writeConfig(dir, "good.conf", """
                [INPUT]
                    Name dummy
                [OUTPUT]
                    Name  null
                    Match *
                """);
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "--dry-run", "-c", good.toString())) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
            assertTrue(p.stdout().contains("configuration test is successful"), p.stdout());
        }
        Path bad = TributaryProcess.writeConfig(dir, "bad.conf", """
                [INPUT]
                    Name dummyy
                """);
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-D", "-c", bad.toString())) {
            assertEquals(1, p.waitFor(Duration.ofSeconds(20)));
            assertTrue(p.stderr().contains(bad + ":2: [INPUT]: unknown input plugin 'dummyy' (did you mean 'dummy'?)"), p.stderr());
        }
    }

    @Test
    void sigtermFlushesBufferedRecordsAndExitsZero() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path conf = TributaryProcess.writeConfig(dir, "term.conf", """
                [SERVICE]
                    Flush 60
                    Grace 5
                [INPUT]
                    Name    dummy
                    Tag     term
                    Rate    100
                    Samples 50
                [OUTPUT]
                    Name   file
                    Match  *
                    Path   %s
                    Format plain
                """.formatted(out));
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString())) {
            Await.until(Duration.ofSeconds(20), "50 records generated", () -> p.stderr().contains("generated all 50 samples"));
            // The 60 s flush tick has not come; only SIGTERM's final flush writes the file.
            assertFalse(Files.exists(out.resolve("term")), "nothing written before the flush");
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(15)), p.stderr());
            assertEquals(50, Files.readAllLines(out.resolve("term")).size());
        }
    }

    @Test
    void sendFailureTimeoutExitsNonZero() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path conf = TributaryProcess.writeConfig(dir, "fail.conf", """
                [SERVICE]
                    Flush 0.2
                    scheduler.base 0.2
                    scheduler.cap  0.5
                [INPUT]
                    Name dummy
                    Rate 10
                [OUTPUT]
                    Name        file
                    Match       *
                    Path        %s
                    Retry_Limit no_limits
                """.formatted(notADirectory));
        long t0 = System.nanoTime();
        try (TributaryProcess p = TributaryProcess.start(Map.of("SEND_FAILURE_TIMEOUT", "3s"), "-c", conf.toString())) {
            int code = p.waitFor(Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertNotEquals(0, code, p.stderr());
            assertTrue(seconds >= 3, "exited after " + seconds + "s, before the timeout");
            assertTrue(p.stderr().contains("SEND_FAILURE_TIMEOUT"), p.stderr());
        }
    }

    @Test
    void pluginHelpListsItsOptions() throws Exception {
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-o", "stdout", "-h")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(20)), p.stderr());
            assertTrue(p.stdout().contains("json_date_format"), p.stdout());
            assertTrue(p.stdout().contains("default: msgpack"), p.stdout());
        }
    }
}
