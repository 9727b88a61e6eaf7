package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.engine.Engine;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hot reload with filesystem storage: what the old pipeline could not deliver within Grace reaches the new one. */
class ReloadWithFilesystemStorageTest {
    @TempDir Path storage;
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) supervisor.shutdown();
    }

    private ConfigDocument config(String collectId, String... outputKeys) {
        List<String> out = new ArrayList<>(List.of("name", "collect", "match", "*", "id", collectId, "alias", "out"));
        out.addAll(List.of(outputKeys));
        return doc(section("SERVICE", "flush", "0.05", "grace", "0.3", "hot_reload", "on", "storage.path", storage.toString(),
                        "scheduler.base", "30", "scheduler.cap", "60"),
                section("INPUT", "name", "push", "id", "rl-in", "alias", "in", "storage.type", "filesystem"),
                section("OUTPUT", out.toArray(String[]::new)));
    }

    @Test
    void chunksTheOldPipelineCouldNotDeliverGoToTheNewOne() throws Exception {
        AtomicReference<ConfigDocument> next = new AtomicReference<>(config("rl-down", "always_fail", "on", "retry_limit", "no_limits"));
        Engine first = Engine.create(next.get(), Map.of());
        first.start();
        supervisor = new Supervisor(next::get, Map.of(), reason -> { throw new AssertionError(reason); }, first, next.get());
        InputContext in = PushInput.context("rl-in");
        for (int i = 0; i < 300; i++) {
            in.append("app", new LogEvent(new EventTime(1_700_000_000L + i, 0), Map.of("n", (long) i)));
        }
        Await.until(Duration.ofSeconds(20), "the old output failing", () -> CollectOutput.flushes("rl-down") >= 1);

        next.set(config("rl-up"));
        assertTrue(supervisor.reload().applied());
        Await.until(Duration.ofSeconds(10), "300 records at the new pipeline's output", () -> CollectOutput.count("rl-up") >= 300);
        List<Long> got = new ArrayList<>();
        for (CollectOutput.Received r : CollectOutput.events("rl-up")) got.add((Long) r.event().body().get("n"));
        got.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 300; i++) expected.add(i);
        assertEquals(expected, got, "each record once");
        assertEquals(0, CollectOutput.count("rl-down"));
        Await.until(Duration.ofSeconds(20), "the chunk files deleted", () -> chunkFiles().isEmpty());
    }

    private List<Path> chunkFiles() {
        try (Stream<Path> s = Files.walk(storage)) {
            return s.filter(p -> p.toString().endsWith(".chunk")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
