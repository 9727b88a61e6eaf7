package io.tributary.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.StoreException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    private Engine start(io.tributary.config.ConfigDocument d) throws Exception {
        engine = Engine.create(d, Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        return engine;
    }

    private static LogEvent event(int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("n", (long) n);
        return new LogEvent(new EventTime(1_700_000_000L + n, n), body);
    }

    @Test
    void recordsReachEveryMatchingOutputInOrder() throws Exception {
        start(doc(section("SERVICE", "flush", "0.05"),
                section("INPUT", "name", "push", "id", "route-in", "tag", "app.web"),
                section("OUTPUT", "name", "collect", "match", "app.*", "id", "route-a"),
                section("OUTPUT", "name", "collect", "match_regex", "^app\\.w.b$", "id", "route-b"),
                section("OUTPUT", "name", "collect", "match", "other", "id", "route-c")));
        var in = PushInput.context("route-in");
        for (int i = 0; i < 100; i++) in.append(in.tag(), event(i));
        Await.until(Duration.ofSeconds(20), "100 records at both outputs",
                () -> CollectOutput.count("route-a") == 100 && CollectOutput.count("route-b") == 100);
        List<CollectOutput.Received> got = CollectOutput.events("route-a");
        for (int i = 0; i < 100; i++) {
            assertEquals((long) i, got.get(i).event().body().get("n"));
            assertEquals(new EventTime(1_700_000_000L + i, i), got.get(i).event().time());
            assertEquals("app.web", got.get(i).tag());
        }
        assertEquals(0, CollectOutput.count("route-c"));
    }

    @Test
    void retryThenOkDeliversOnceAndCountsTheRetry() throws Exception {
        start(doc(section("SERVICE", "flush", "0.05", "scheduler.base", "0.05", "scheduler.cap", "0.1"),
                section("INPUT", "name", "push", "id", "retry-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "retry-out", "fail_first", "2",
                        "retry_limit", "5")));
        var in = PushInput.context("retry-in");
        for (int i = 0; i < 10; i++) in.append(in.tag(), event(i));
        Await.until(Duration.ofSeconds(20), "10 records after two failures", () -> CollectOutput.count("retry-out") == 10);
        var meters = engine.view().outputs().get(0).outputMeters();
        Await.until(Duration.ofSeconds(20), "proc_records 10", () -> meters.procRecords() == 10);
        assertEquals(2, meters.retries());
        assertEquals(0, meters.retriesFailed());
        assertEquals(0, meters.droppedTotal());
        assertEquals(3, CollectOutput.flushes("retry-out"));
    }

    @Test
    void exhaustedRetriesAreCountedAsDropped() throws Exception {
        start(doc(section("SERVICE", "flush", "0.05", "scheduler.base", "0.02", "scheduler.cap", "0.05"),
                section("INPUT", "name", "push", "id", "drop-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "drop-out", "always_fail", "on",
                        "retry_limit", "2")));
        var in = PushInput.context("drop-in");
        for (int i = 0; i < 7; i++) in.append(in.tag(), event(i));
        var meters = engine.view().outputs().get(0).outputMeters();
        Await.until(Duration.ofSeconds(20), "7 records dropped", () -> meters.droppedTotal() == 7);
        assertEquals(1, meters.retriesFailed());
        assertEquals(2, meters.retries());
        assertEquals(3, CollectOutput.flushes("drop-out"));
        assertEquals(Map.of("retries exhausted", 7.0), meters.droppedByReason());
    }

    @Test
    void memBufLimitPausesTheInputAndResumesAfterFlushWithoutLoss() throws Exception {
        start(doc(section("SERVICE", "flush", "0.05"),
                section("INPUT", "name", "push", "id", "mem-in", "mem_buf_limit", "4k"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "mem-out", "delay_ms", "100")));
        var in = PushInput.context("mem-in");
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) batch.add(event(i));
        in.append(in.tag(), batch);
        Await.until(Duration.ofSeconds(20), "input paused", () -> PushInput.pauses("mem-in") == 1);
        assertTrue(in.isPaused());
        Await.until(Duration.ofSeconds(20), "all 400 delivered", () -> CollectOutput.count("mem-out") == 400);
        Await.until(Duration.ofSeconds(20), "input resumed", () -> PushInput.resumes("mem-in") == 1);
        assertFalse(in.isPaused());
    }

    @Test
    void engineWideMemoryLimitPausesEveryInputAndResumesThemWithoutLoss() throws Exception {
        start(doc(section("SERVICE", "flush", "0.05", "storage.total_mem_limit", "8k"),
                section("INPUT", "name", "push", "id", "total-a", "tag", "a"),
                section("INPUT", "name", "push", "id", "total-b", "tag", "b"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "total-out", "delay_ms", "100")));
        assertEquals(8 * 1024, engine.memoryBudget().limitBytes());
        var a = PushInput.context("total-a");
        var b = PushInput.context("total-b");
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 800; i++) batch.add(event(i));
        a.append(a.tag(), batch);
        Await.until(Duration.ofSeconds(20), "a paused at the engine limit", () -> PushInput.pauses("total-a") == 1);
        // b has buffered nothing of its own: the engine-wide total is what pauses it.
        b.append(b.tag(), event(1000));
        Await.until(Duration.ofSeconds(20), "b paused too", () -> PushInput.pauses("total-b") == 1);
        Await.until(Duration.ofSeconds(20), "all 801 delivered", () -> CollectOutput.count("total-out") == 801);
        Await.until(Duration.ofSeconds(20), "both resumed",
                () -> PushInput.resumes("total-a") == 1 && PushInput.resumes("total-b") == 1);
        assertFalse(a.isPaused());
        assertFalse(b.isPaused());
        Await.until(Duration.ofSeconds(20), "nothing left counted", () -> engine.memoryBudget().usedBytes() == 0);
    }

    @Test
    void engineWideMemoryLimitIs40PercentOfTheHeapByDefaultAndCanBeTurnedOff() throws Exception {
        start(doc(section("SERVICE", "flush", "1"), section("INPUT", "name", "push", "id", "auto-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "auto-out")));
        assertEquals(java.lang.Runtime.getRuntime().maxMemory() / 5 * 2, engine.memoryBudget().limitBytes());
        engine.stop(Duration.ofSeconds(2));
        start(doc(section("SERVICE", "flush", "1", "storage.total_mem_limit", "off"),
                section("INPUT", "name", "push", "id", "off-in"), section("OUTPUT", "name", "collect", "match", "*", "id", "off-out")));
        assertEquals(0, engine.memoryBudget().limitBytes());
        assertFalse(engine.memoryBudget().overLimit());
    }

    @Test
    void badEngineWideMemoryLimitIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.create(doc(
                        section("SERVICE", "storage.total_mem_limit", "lots"),
                        section("INPUT", "name", "push"), section("OUTPUT", "name", "collect", "match", "*")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("storage.total_mem_limit"), e.getMessage());
    }

    @Test
    void sendFailureTimeoutCallsTheFatalHandler() throws Exception {
        engine = Engine.create(doc(section("SERVICE", "flush", "0.05", "scheduler.base", "0.05", "scheduler.cap", "0.1"),
                        section("INPUT", "name", "push", "id", "sft-in"),
                        section("OUTPUT", "name", "collect", "match", "*", "id", "sft-out", "always_fail", "on",
                                "retry_limit", "no_limits")),
                Map.of("SEND_FAILURE_TIMEOUT", "1s"), PluginCatalog.load(), new SimpleMeterRegistry());
        AtomicReference<String> fatal = new AtomicReference<>();
        engine.onFatal(fatal::set);
        engine.start();
        long t0 = System.nanoTime();
        PushInput.context("sft-in").append("x", event(1));
        Await.until(Duration.ofSeconds(20), "fatal handler", () -> fatal.get() != null);
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(900).toNanos(), "not before the timeout");
        assertTrue(fatal.get().contains("collect.0"), fatal.get());
    }

    @Test
    void stopFlushesWhatIsBufferedAndRefusesNewRecords() throws Exception {
        start(doc(section("SERVICE", "flush", "60"),
                section("INPUT", "name", "push", "id", "stop-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "stop-out")));
        var in = PushInput.context("stop-in");
        for (int i = 0; i < 25; i++) in.append(in.tag(), event(i));
        assertEquals(0, CollectOutput.count("stop-out"), "the 60 s tick has not come");
        assertEquals(0, engine.stop(Duration.ofSeconds(5)));
        assertEquals(25, CollectOutput.count("stop-out"));
        assertThrows(StoreException.class, () -> in.append(in.tag(), event(99)));
        engine = null;
    }

    @Test
    void badConfigReportsEveryProblemWithLocation() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.create(doc(
                        section("SERVICE", "flsh", "1"),
                        section("INPUT", "name", "pusj"),
                        section("OUTPUT", "name", "collect", "match", "*", "idd", "x", "retry_limit", "sometimes")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry()));
        String m = e.getMessage();
        assertTrue(m.contains("test.conf:2: [SERVICE]: unknown key 'flsh' (did you mean 'flush'?)"), m);
        assertTrue(m.contains("unknown input plugin 'pusj' (did you mean 'push'?)"), m);
        assertTrue(m.contains("unknown key 'idd' (did you mean 'id'?)"), m);
        assertEquals(3, e.problems().size(), m);
    }
}
