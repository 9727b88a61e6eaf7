package io.tributary.buffer;

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkFileTest {
    @TempDir Path dir;

    private static byte[] records(int from, int count) {
        MsgpackWriter w = new MsgpackWriter();
        for (int i = from; i < from + count; i++) w.event(new LogEvent(new EventTime(1_700_000_000L + i, 0), Map.of("n", (long) i)));
        return w.toByteArray();
    }

    /** Five appends of 3 records each; returns the file size after each append. */
    private long[] writeFiveFrames(Path file, boolean syncFull) throws IOException {
        ChunkFile f = ChunkFile.create(file, new ChunkHeader(42, "app.web", "forward.0", 1_700_000_123_456L), syncFull);
        long[] ends = new long[6];
        ends[0] = f.size();
        for (int i = 0; i < 5; i++) {
            byte[] r = records(i * 3, 3);
            ends[i + 1] = f.append(r, 0, r.length, 3);
            f.sync(ends[i + 1]);
        }
        f.seal();
        return ends;
    }

    @Test
    void appendsReadBackAsOneChunkWithItsHeader() throws IOException {
        Path file = dir.resolve("a.chunk");
        writeFiveFrames(file, true);
        ChunkReader.Contents c = ChunkReader.read(file);
        assertNull(c.damage());
        assertEquals(new ChunkHeader(42, "app.web", "forward.0", 1_700_000_123_456L), c.header());
        assertEquals(15, c.records());
        assertEquals(5, c.frames());
        assertArrayEquals(records(0, 15), Arrays.copyOf(c.data(), c.length()));
    }

    @Test
    void truncationAtEveryByteKeepsExactlyTheWholeFrames() throws IOException {
        Path file = dir.resolve("b.chunk");
        long[] ends = writeFiveFrames(file, false);
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.chunk");
        for (int len = (int) ends[0]; len <= whole.length; len++) {
            Files.write(cut, Arrays.copyOf(whole, len));
            ChunkReader.Contents c = ChunkReader.read(cut);
            int frames = 0;
            while (frames < 5 && ends[frames + 1] <= len) frames++;
            assertEquals(frames * 3, c.records(), "records after cutting at " + len);
            assertArrayEquals(records(0, frames * 3), Arrays.copyOf(c.data(), c.length()), "data after cutting at " + len);
            assertEquals(len == ends[frames], c.intact(), "intact after cutting at " + len + ": " + c.damage());
        }
    }

    @Test
    void aFlippedByteInAFrameStopsTheReadAtThatFrame() throws IOException {
        Path file = dir.resolve("c.chunk");
        long[] ends = writeFiveFrames(file, false);
        byte[] b = Files.readAllBytes(file);
        // Every byte of the third frame, header and payload, is covered by its checksum.
        for (long at = ends[2]; at < ends[3]; at++) {
            byte[] bad = b.clone();
            bad[(int) at] ^= 0x10;
            Files.write(file, bad);
            ChunkReader.Contents c = ChunkReader.read(file);
            assertEquals(6, c.records(), "flip at " + at);
            assertTrue(!c.intact() && c.damage().contains("at byte " + ends[2]), c.damage());
        }
    }

    @Test
    void aDamagedHeaderMakesTheFileUnreadable() throws IOException {
        Path file = dir.resolve("d.chunk");
        long[] ends = writeFiveFrames(file, false);
        byte[] b = Files.readAllBytes(file);
        for (int at : List.of(0, 4, 12, 20, 30, (int) ends[0] - 1)) {
            byte[] bad = b.clone();
            bad[at] ^= 0x01;
            Files.write(file, bad);
            assertThrows(ChunkReader.UnreadableHeader.class, () -> ChunkReader.read(file), "flip at " + at);
        }
        Files.write(file, Arrays.copyOf(b, 10));
        ChunkReader.UnreadableHeader e = assertThrows(ChunkReader.UnreadableHeader.class, () -> ChunkReader.read(file));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}
