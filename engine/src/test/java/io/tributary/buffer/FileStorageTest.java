package io.tributary.buffer;

import io.tributary.record.Chunk;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileStorageTest {
    @TempDir Path dir;

    private FileStorage store(boolean deleteIrrecoverable) {
        return new FileStorage(new StorageSettings(dir, false, 128, 5 << 20, deleteIrrecoverable));
    }

    private static byte[] records(int from, int count) {
        MsgpackWriter w = new MsgpackWriter();
        for (int i = from; i < from + count; i++) w.event(new LogEvent(new EventTime(1_700_000_000L + i, 0), Map.of("n", (long) i)));
        return w.toByteArray();
    }

    private Path write(FileStorage s, String input, String tag, int frames) throws IOException {
        ChunkFile f = s.create(input, tag, System.currentTimeMillis());
        for (int i = 0; i < frames; i++) {
            byte[] r = records(i * 10, 10);
            f.append(r, 0, r.length, 10);
        }
        f.seal();
        return f.path();
    }

    private List<Path> rejected() throws IOException {
        Path r = dir.resolve("rejected");
        if (!Files.isDirectory(r)) return List.of();
        try (Stream<Path> s = Files.list(r)) {
            return s.filter(p -> p.toString().endsWith(".chunk")).sorted().toList();
        }
    }

    @Test
    void backlogIsEveryIntactChunkOldestFirstWithWhatOutputsFinished() throws IOException {
        FileStorage writer = store(false);
        Path a = write(writer, "forward.0", "a", 2);
        Path b = write(writer, "tail.0", "b", 3);
        Path c = write(writer, "forward.0", "c", 1);
        writer.markDone(b, "kinesis_streams.0");
        writer.releaseAll();

        List<StoredChunk> backlog = store(false).loadBacklog();
        assertEquals(List.of(a, b, c), backlog.stream().map(StoredChunk::path).toList());
        assertEquals(List.of(20, 30, 10), backlog.stream().map(StoredChunk::records).toList());
        assertEquals(Set.of("kinesis_streams.0"), backlog.get(1).doneOutputs());
        assertEquals("tail.0", backlog.get(1).header().inputName());
        Chunk read = store(false).read(backlog.get(1), 7);
        assertEquals(30, read.recordCount());
        assertEquals(Arrays.toString(records(0, 30)), Arrays.toString(Arrays.copyOf(read.data(), read.length())));
    }

    @Test
    void filesClaimedByARunningEngineAreNotReplayedByAnother() throws IOException {
        FileStorage running = store(false);
        write(running, "forward.0", "a", 1);
        assertEquals(List.of(), store(false).loadBacklog(), "a hot reload must not resend the old pipeline's chunks");
        running.releaseAll();
        assertEquals(1, store(false).loadBacklog().size());
    }

    @Test
    void aTornTailIsCutOffAndTheDamagedOriginalKeptInRejected() throws IOException {
        FileStorage s = store(false);
        Path p = write(s, "forward.0", "a", 4);
        s.releaseAll();
        byte[] whole = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(whole, whole.length - 5));

        List<StoredChunk> backlog = store(false).loadBacklog();
        assertEquals(1, backlog.size());
        assertEquals(30, backlog.get(0).records(), "three whole frames of four");
        assertEquals(List.of(dir.resolve("rejected/forward.0-" + p.getFileName())), rejected());
        assertEquals(whole.length - 5, Files.size(rejected().get(0)));
        String reason = Files.readString(dir.resolve("rejected/forward.0-" + p.getFileName() + ".reason"));
        assertTrue(reason.contains("torn frame") && reason.contains("30 record(s)"), reason);
        assertEquals(30, ChunkReader.read(p).records(), "the file in place now holds only whole frames");
    }

    @Test
    void anUnreadableHeaderMovesTheFileAsideAndTheScanGoesOn() throws IOException {
        FileStorage s = store(false);
        Path bad = write(s, "forward.0", "a", 2);
        Path good = write(s, "forward.0", "b", 2);
        Path empty = s.inputDirectory("forward.0").resolve("0000000000000001.chunk");
        Files.createFile(empty);
        s.releaseAll();
        byte[] b = Files.readAllBytes(bad);
        b[1] = 'X';
        Files.write(bad, b);

        List<StoredChunk> backlog = store(false).loadBacklog();
        assertEquals(List.of(good), backlog.stream().map(StoredChunk::path).toList());
        assertFalse(Files.exists(bad));
        assertFalse(Files.exists(empty), "an empty file held nothing that was acknowledged");
        assertEquals(1, rejected().size());
    }

    @Test
    void deleteIrrecoverableChunksKeepsNoCopy() throws IOException {
        FileStorage s = store(true);
        Path bad = write(s, "forward.0", "a", 2);
        s.releaseAll();
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30});
        assertEquals(List.of(), store(true).loadBacklog());
        assertFalse(Files.exists(bad));
        assertEquals(List.of(), rejected());
    }
}
