package io.tributary.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigSection;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.spi.StoreException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filesystem storage through real engines and real files: restarts, corruption, limits. */
class FilesystemStorageTest {
    @TempDir Path dir;
    private final List<Engine> engines = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (Engine e : engines) e.stop(Duration.ZERO);
    }

    private Engine start(ConfigSection... sections) throws Exception {
        Engine e = Engine.create(doc(sections), Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engines.add(e);
        e.start();
        return e;
    }

    /** Stops as a crash would leave things for the next start: nothing delivered after this point. */
    private void crash(Engine e) {
        e.stop(Duration.ZERO);
        engines.remove(e);
    }

    private ConfigSection service(String... more) {
        List<String> kv = new ArrayList<>(List.of("flush", "0.05", "storage.path", dir.toString(),
                "scheduler.base", "30", "scheduler.cap", "60"));
        kv.addAll(List.of(more));
        return section("SERVICE", kv.toArray(String[]::new));
    }

    private static LogEvent event(int n, int padding) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("n", (long) n);
        if (padding > 0) body.put("pad", "x".repeat(padding));
        return new LogEvent(new EventTime(1_700_000_000L + n, n), body);
    }

    private static void appendNumbered(InputContext in, String tag, int from, int count, int perAppend) throws StoreException {
        for (int i = from; i < from + count; i += perAppend) {
            List<LogEvent> batch = new ArrayList<>();
            for (int j = i; j < Math.min(from + count, i + perAppend); j++) batch.add(event(j, 0));
            in.append(tag, batch);
        }
    }

    private List<Path> chunkFiles(String sub) throws IOException {
        Path d = dir.resolve(sub);
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
    }

    private static List<Long> numbers(String collectId) {
        return CollectOutput.events(collectId).stream().map(r -> (Long) r.event().body().get("n")).toList();
    }

    private static List<Long> range(int from, int to) {
        List<Long> l = new ArrayList<>();
        for (long i = from; i < to; i++) l.add(i);
        return l;
    }

    @Test
    void recordsSurviveAStopWithoutDrainAndAreDeliveredOnceAfterRestart() throws Exception {
        Engine first = start(service("storage.sync", "full"),
                section("INPUT", "name", "push", "id", "surv-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "surv-down", "alias", "out", "always_fail", "on",
                        "retry_limit", "no_limits"));
        appendNumbered(PushInput.context("surv-in"), "app", 0, 1000, 10);
        Await.until(Duration.ofSeconds(20), "the chunk sealed and tried once", () -> CollectOutput.flushes("surv-down") >= 1);
        crash(first);
        assertEquals(0, CollectOutput.count("surv-down"));
        assertFalse(chunkFiles("in").isEmpty(), "the undelivered chunks stay on disk");

        Engine second = start(service(),
                section("INPUT", "name", "push", "id", "surv-in2", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "surv-up", "alias", "out"));
        Await.until(Duration.ofSeconds(20), "1000 records after the restart", () -> CollectOutput.count("surv-up") >= 1000);
        assertEquals(range(0, 1000), numbers("surv-up"), "every record once, in order");
        Await.until(Duration.ofSeconds(20), "delivered chunk file deleted", () -> chunkFilesQuietly("in").isEmpty());
        assertEquals(0, second.storageStates().get("storage_backlog.0").chunksTotal());
    }

    private List<Path> chunkFilesQuietly(String sub) {
        try {
            return chunkFiles(sub);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRestartDoesNotResendToTheOutputThatAlreadyDelivered() throws Exception {
        Engine first = start(service(),
                section("INPUT", "name", "push", "id", "two-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "two-ok", "alias", "fast"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "two-down", "alias", "slow", "always_fail", "on",
                        "retry_limit", "no_limits"));
        appendNumbered(PushInput.context("two-in"), "app", 0, 100, 25);
        Await.until(Duration.ofSeconds(20), "100 records at the working output", () -> CollectOutput.count("two-ok") == 100);
        // Delivered is not yet finished: the output notes it beside the chunk when its flush task completes.
        Await.until(Duration.ofSeconds(20), "the working output finished its chunks",
                () -> first.view().outputs().get(0).pendingTasks() == 0);
        Await.until(Duration.ofSeconds(20), "the failing output tried", () -> CollectOutput.flushes("two-down") >= 1);
        crash(first);

        start(service(),
                section("INPUT", "name", "push", "id", "two-in2", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "two-ok2", "alias", "fast"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "two-up2", "alias", "slow"));
        Await.until(Duration.ofSeconds(20), "100 records at the recovered output", () -> CollectOutput.count("two-up2") == 100);
        Await.until(Duration.ofSeconds(20), "chunk file deleted", () -> chunkFilesQuietly("in").isEmpty());
        assertEquals(0, CollectOutput.count("two-ok2"), "fast had delivered the chunk before the restart");
        assertEquals(range(0, 100), numbers("two-up2"));
    }

    @Test
    void corruptChunkFilesAreReportedMovedAsideAndTheRestDelivered() throws Exception {
        // No flush tick before the stop: exactly one chunk file per tag, of ten appends (frames) of ten records.
        Engine first = start(service("flush", "60"),
                section("INPUT", "name", "push", "id", "bad-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "bad-down", "always_fail", "on", "retry_limit", "no_limits"));
        InputContext in = PushInput.context("bad-in");
        for (String tag : List.of("intact", "truncated", "header", "flipped")) appendNumbered(in, tag, 0, 100, 10);
        crash(first);
        List<Path> files = chunkFiles("in");
        assertEquals(4, files.size());
        Map<String, Path> byTag = new LinkedHashMap<>();
        for (Path p : files) byTag.put(tagOf(p), p);

        byte[] t = Files.readAllBytes(byTag.get("truncated"));
        int frame = (t.length - headerBytes(t)) / 10;   // frames are the same size: ten records of the same shape
        Files.write(byTag.get("truncated"), Arrays.copyOf(t, headerBytes(t) + frame * 6 + frame / 2));
        byte[] h = Files.readAllBytes(byTag.get("header"));
        h[12] ^= 0x40;
        Files.write(byTag.get("header"), h);
        byte[] f = Files.readAllBytes(byTag.get("flipped"));
        f[headerBytes(f) + frame * 3 + 20] ^= 0x01;
        Files.write(byTag.get("flipped"), f);

        start(service(),
                section("INPUT", "name", "push", "id", "bad-in2", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "bad-up"));
        // intact: 100; truncated in its 7th frame: 60; header damaged: none; flipped in its 4th frame: 30.
        Await.until(Duration.ofSeconds(20), "190 recoverable records", () -> CollectOutput.count("bad-up") >= 190);
        Map<String, List<Long>> got = new LinkedHashMap<>();
        for (CollectOutput.Received r : CollectOutput.events("bad-up")) {
            got.computeIfAbsent(r.tag(), k -> new ArrayList<>()).add((Long) r.event().body().get("n"));
        }
        assertEquals(Map.of("intact", range(0, 100), "truncated", range(0, 60), "flipped", range(0, 30)), got);
        List<Path> rejected = chunkFiles("rejected");
        assertEquals(3, rejected.size(), rejected.toString());
        for (Path r : rejected) assertTrue(Files.exists(r.resolveSibling(r.getFileName() + ".reason")), r + " has its reason");
        Await.until(Duration.ofSeconds(20), "delivered files deleted", () -> chunkFilesQuietly("in").isEmpty());
    }

    private static int headerBytes(byte[] file) {
        int tagLen = ((file[6] & 0xff) << 8) | (file[7] & 0xff);
        int inputLen = ((file[8] & 0xff) << 8) | (file[9] & 0xff);
        return 26 + tagLen + inputLen + 4;
    }

    private static String tagOf(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        int tagLen = ((b[6] & 0xff) << 8) | (b[7] & 0xff);
        return new String(b, 26, tagLen, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anUnwritableStoragePathRefusesRecordsWithAClearErrorWhileMemoryInputsGoOn() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path storagePath = notADirectory.resolve("storage");
        start(section("SERVICE", "flush", "0.05", "storage.path", storagePath.toString()),
                section("INPUT", "name", "push", "id", "ro-fs", "storage.type", "filesystem"),
                section("INPUT", "name", "push", "id", "ro-mem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "ro-out"));
        InputContext fs = PushInput.context("ro-fs");
        StoreException e = assertThrows(StoreException.class, () -> fs.append("x", event(1, 0)));
        assertTrue(e.getMessage().contains("cannot create a chunk file under storage.path " + storagePath), e.getMessage());
        assertTrue(e.getMessage().contains("1 record(s) not stored, so not acknowledged"), e.getMessage());
        assertThrows(StoreException.class, () -> fs.append("x", event(2, 0)), "still refused, not silently buffered");

        InputContext mem = PushInput.context("ro-mem");
        mem.append("y", event(3, 0));
        Await.until(Duration.ofSeconds(20), "the memory input's record", () -> CollectOutput.count("ro-out") == 1);
        assertEquals(3L, CollectOutput.events("ro-out").get(0).event().body().get("n"));
    }

    @Test
    void totalLimitSizeDropsTheOldestChunksWithACount() throws Exception {
        // The first chunk is being flushed (2 s) while the others queue: it can't be dropped, the next oldest go.
        Engine first = start(service(),
                section("INPUT", "name", "push", "id", "lim-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "lim-down", "alias", "out", "always_fail", "on",
                        "delay_ms", "2000", "retry_limit", "no_limits", "storage.total_limit_size", "40k"));
        InputContext in = PushInput.context("lim-in");
        for (int c = 0; c < 6; c++) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) batch.add(event(c * 100 + i, 100));
            in.append("c" + c, batch);
        }
        OutputInstance out = first.view().outputs().get(0);
        Await.until(Duration.ofSeconds(20), "300 records dropped for the storage limit",
                () -> out.outputMeters().droppedByReason().getOrDefault("storage limit", 0.0) == 300.0);
        assertTrue(out.queuedStorageBytes() <= 40 * 1024, "queued " + out.queuedStorageBytes());
        Await.until(Duration.ofSeconds(20), "dropped chunk files deleted", () -> chunkFilesQuietly("in").size() == 3);
        crash(first);

        start(service(),
                section("INPUT", "name", "push", "id", "lim-in2", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "lim-up", "alias", "out"));
        Await.until(Duration.ofSeconds(20), "the three kept chunks", () -> CollectOutput.count("lim-up") == 300);
        List<String> tags = CollectOutput.events("lim-up").stream().map(CollectOutput.Received::tag).distinct().toList();
        assertEquals(List.of("c0", "c4", "c5"), tags, "the chunk in flight and the two newest were kept");
    }

    @Test
    void maxChunksUpKeepsTheRestOnDiskAndDeliversThemFromThere() throws Exception {
        Engine e = start(service("storage.max_chunks_up", "2"),
                section("INPUT", "name", "push", "id", "up-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "up-out", "delay_ms", "100"));
        InputContext in = PushInput.context("up-in");
        for (int c = 0; c < 10; c++) appendNumbered(in, "t" + c, c * 50, 50, 50);
        // Ten chunks, two in memory: at least seven are still on disk only (one flush of 100 ms at a time).
        StorageState s = e.storageStates().get("in");
        assertTrue(s.chunksUp() <= 2 && s.chunksDown() >= 7 && s.downBytes() > 0, s.toString());
        int[] maxUp = {0};
        Await.until(Duration.ofSeconds(10), "500 records delivered", () -> {
            maxUp[0] = Math.max(maxUp[0], e.storageStates().get("in").chunksUp());
            return CollectOutput.count("up-out") == 500;
        });
        assertTrue(maxUp[0] <= 2, "chunks up peaked at " + maxUp[0]);
        List<Long> got = new ArrayList<>(numbers("up-out"));
        got.sort(null);
        assertEquals(range(0, 500), got);
        Await.until(Duration.ofSeconds(20), "all chunks released", () -> e.storageStates().get("in").chunksTotal() == 0
                && chunkFilesQuietly("in").isEmpty());
    }

    @Test
    void pauseOnChunksOverlimitPausesInsteadOfGoingToDisk() throws Exception {
        Engine e = start(service("storage.max_chunks_up", "2"),
                section("INPUT", "name", "push", "id", "po-in", "alias", "in", "storage.type", "filesystem",
                        "storage.pause_on_chunks_overlimit", "on"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "po-out", "delay_ms", "500"));
        InputContext in = PushInput.context("po-in");
        for (int c = 0; c < 3; c++) appendNumbered(in, "t" + c, c * 10, 10, 10);
        Await.until(Duration.ofSeconds(20), "input paused", () -> PushInput.pauses("po-in") == 1);
        assertEquals(0, e.storageStates().get("in").chunksDown());
        assertTrue(e.storageStates().get("in").overLimit());
        Await.until(Duration.ofSeconds(20), "30 records delivered", () -> CollectOutput.count("po-out") == 30);
        Await.until(Duration.ofSeconds(20), "input resumed", () -> PushInput.resumes("po-in") == 1);
    }

    @Test
    void overTheEngineWideMemoryLimitNewChunksStayOnDiskAndTheInputKeepsTakingRecords() throws Exception {
        Engine e = start(service("storage.total_mem_limit", "1k"),
                section("INPUT", "name", "push", "id", "budget-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "budget-out", "delay_ms", "100"));
        InputContext in = PushInput.context("budget-in");
        for (int c = 0; c < 10; c++) appendNumbered(in, "t" + c, c * 50, 50, 50);
        StorageState s = e.storageStates().get("in");
        // The first two chunks (~850 bytes each) took memory past 1k; every later one went to disk only, and
        // nothing paused.
        assertTrue(s.chunksUp() <= 2 && s.chunksDown() >= 7, s.toString());
        assertEquals(0, PushInput.pauses("budget-in"));
        Await.until(Duration.ofSeconds(10), "500 records delivered", () -> CollectOutput.count("budget-out") == 500);
        List<Long> got = new ArrayList<>(numbers("budget-out"));
        got.sort(null);
        assertEquals(range(0, 500), got);
    }
}
