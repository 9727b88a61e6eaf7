package io.tributary.input.pipe;

import io.tributary.input.support.MapPluginConfig;
import io.tributary.input.support.RecordingInputContext;
import io.tributary.input.support.RegexTestParser;
import io.tributary.input.support.TestEnvironment;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** named_pipe against a real FIFO and real writers. */
class NamedPipeIT {
    static void write(Path fifo, String text) throws Exception {
        try (OutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Thread readerThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void createsTheFifoAndReadsEachWriterInTurnWithoutSpinning(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("sub/osquery.pipe");
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString(), "perm", "0620"))) {
            assertEquals("rw--w----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
            write(fifo, "first line\nsecond line\r\n\nlast line without newline");
            RecordingInputContext.await(10_000, "3 lines", () -> pipe.context.count() == 3);
            // Between writers the reader must sleep in open(2), not spin: it uses next to no CPU.
            var threads = ManagementFactory.getThreadMXBean();
            long tid = readerThread("named_pipe-named_pipe.0").threadId();
            long before = threads.getThreadCpuTime(tid);
            Thread.sleep(500);
            long used = threads.getThreadCpuTime(tid) - before;
            assertTrue(used < 20_000_000L, "reader used " + used / 1_000_000 + " ms of CPU in 500 ms without a writer");
            write(fifo, "from the second writer\n");
            RecordingInputContext.await(10_000, "4 lines", () -> pipe.context.count() == 4);
            List<String> got = pipe.context.events().stream().map(e -> (String) e.body().get("message")).toList();
            assertEquals(List.of("first line", "second line", "last line without newline", "from the second writer"), got);
        }
    }

    @Test
    void overlongLineIsSkippedAndCounted(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p");
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString(), "buffer_chunk_size", "1k", "buffer_max_size", "2k"))) {
            write(fifo, "before\n" + "x".repeat(10_000) + "\nafter\n");
            RecordingInputContext.await(10_000, "2 lines", () -> pipe.context.count() == 2);
            RecordingInputContext.await(10_000, "the oversize drop", () -> pipe.context.dropped("oversize") == 1);
            assertEquals(List.of("before", "after"), pipe.context.events().stream().map(e -> e.body().get("message")).toList());
        }
    }

    @Test
    void jsonLinesBecomeRecordsAndOthersKeepTheirText(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p");
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString(), "format", "json"))) {
            write(fifo, "{\"a\":1,\"b\":\"x\\ny\",\"c\":[true,null,2.5],\"d\":{\"e\":\"\\u00e9\"}}\nnot json\n");
            RecordingInputContext.await(10_000, "2 records", () -> pipe.context.count() == 2);
            Map<String, Object> first = pipe.context.events().get(0).body();
            assertEquals(1L, first.get("a"));
            assertEquals("x\ny", first.get("b"));
            assertEquals(java.util.Arrays.asList(true, null, 2.5), first.get("c"));
            assertEquals(Map.of("e", "é"), first.get("d"));
            assertEquals(Map.of("message", "not json"), pipe.context.events().get(1).body());
            assertEquals(1, pipe.context.errors());
        }
    }

    @Test
    void pausedReaderLetsTheWriterBlockAndLosesNothing(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p");
        int lines = 50_000;   // about 2 MB: many times a pipe's 64 KiB buffer
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString()))) {
            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                try (OutputStream out = new FileOutputStream(fifo.toFile())) {
                    for (int i = 0; i < lines; i++) {
                        out.write(("line number " + i + " padded to some length\n").getBytes(StandardCharsets.UTF_8));
                        written.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            RecordingInputContext.await(10_000, "the first records", () -> pipe.context.count() > 0);
            pipe.input.pause();
            // Once the read in progress is done the reader stops; the pipe fills and the writer blocks.
            long[] last = {-1};
            RecordingInputContext.await(10_000, "the writer to block", () -> {
                long now = written.get();
                boolean still = now == last[0];
                last[0] = now;
                if (!still) java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                return still;
            });
            int readWhilePaused = pipe.context.count();
            Thread.sleep(300);
            assertEquals(readWhilePaused, pipe.context.count(), "nothing read while paused");
            assertTrue(written.get() < lines, "the writer is blocked, not finished: " + written.get());
            pipe.input.resume();
            writer.join(30_000);
            RecordingInputContext.await(30_000, lines + " records", () -> pipe.context.count() == lines);
            List<LogEvent> events = pipe.context.events();
            for (int i = 0; i < lines; i += 997) assertEquals("line number " + i + " padded to some length", events.get(i).body().get("message"));
        }
    }

    @Test
    void parserTurnsLinesIntoFields(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p");
        var csv = RegexTestParser.of("kv", "(?<user>[a-z]+),(?<action>[a-z]+)", null);
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString(), "parser", "kv"), csv)) {
            write(fifo, "alice,login\n???\n");
            RecordingInputContext.await(10_000, "2 records", () -> pipe.context.count() == 2);
            assertEquals(Map.of("user", "alice", "action", "login"), pipe.context.events().get(0).body());
            assertEquals(Map.of("message", "???"), pipe.context.events().get(1).body());
        }
    }

    @Test
    void stopReturnsWhileWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("p");
        var pipe = new PipeFixture(Map.of("path", fifo.toString()));
        Thread.sleep(100);   // let the reader block in open(2)
        long start = System.nanoTime();
        pipe.close();
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "stop took too long");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("named_pipe-named_pipe.0") && t.isAlive()));
    }

    @Test
    void refusesARegularFileAndAMissingParser(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        var pipe = new NamedPipeInputFactory().create(new MapPluginConfig("named_pipe", NamedPipeConfig.SPEC, Map.of("path", file.toString())),
                TestEnvironment.with());
        var e = assertThrows(java.io.IOException.class, () -> pipe.start(new RecordingInputContext()));
        assertTrue(e.getMessage().contains("not a named pipe"), e.getMessage());
        var c = assertThrows(ConfigException.class, () -> new NamedPipeInputFactory().create(
                new MapPluginConfig("named_pipe", NamedPipeConfig.SPEC, Map.of("path", "x", "parser", "nope")), TestEnvironment.with()));
        assertTrue(c.getMessage().contains("no parser named 'nope'"), c.getMessage());
    }
}
