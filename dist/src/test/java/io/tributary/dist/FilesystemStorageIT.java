package io.tributary.dist;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filesystem storage across process restarts of bin/tributary. */
class FilesystemStorageIT {
    @TempDir Path dir;

    static List<Path> chunkFiles(Path storage) {
        if (!Files.isDirectory(storage)) return List.of();
        try (Stream<Path> s = Files.walk(storage)) {
            return s.filter(p -> p.toString().endsWith(".chunk") && !p.getParent().getFileName().toString().equals("rejected"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long lines(Path file) {
        if (!Files.exists(file)) return 0;
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sigtermWithAnUndeliverableBacklogKeepsItOnDiskForTheNextStart() throws Exception {
        Path storage = dir.resolve("storage");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path down = TributaryProcess.writeConfig(dir, "down.conf", """
                [SERVICE]
                    Flush          0.2
                    Grace          2
                    storage.path   %s
                    scheduler.base 0.2
                    scheduler.cap  0.5
                [INPUT]
                    Name         dummy
                    Tag          term
                    Rate         1000
                    Samples      500
                    storage.type filesystem
                [OUTPUT]
                    Name        file
                    Match       *
                    Path        %s
                    Retry_Limit no_limits
                """.formatted(storage, notADirectory));
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", down.toString())) {
            Await.until(Duration.ofSeconds(20), "500 records generated and a failed flush",
                    () -> p.stderr().contains("generated all 500 samples") && p.stderr().contains("retry in"));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(15)), p.stderr());
            assertTrue(p.stderr().contains("filesystem chunk(s) stay in " + storage), p.stderr());
        }
        assertFalse(chunkFiles(storage).isEmpty(), "the backlog is on disk");

        Path up = TributaryProcess.writeConfig(dir, "up.conf", """
                [SERVICE]
                    Flush        0.2
                    storage.path %s
                [INPUT]
                    Name         dummy
                    Tag          restarted
                    Samples      1
                    storage.type filesystem
                [OUTPUT]
                    Name   file
                    Match  *
                    Path   %s
                    Format plain
                """.formatted(storage, out));
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", up.toString())) {
            Await.until(Duration.ofSeconds(20), "the 500 records of the first run delivered",
                    () -> lines(out.resolve("term")) >= 500 && chunkFiles(storage).isEmpty()
                            && p.stderr().contains("storage backlog: "));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(15)), p.stderr());
        }
        assertEquals(500, lines(out.resolve("term")), "each record once");
        assertEquals(List.of(), chunkFiles(storage));
    }
}
