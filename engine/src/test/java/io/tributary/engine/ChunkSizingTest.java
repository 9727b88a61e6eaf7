package io.tributary.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A busy tag's chunks after its first full one start at the size that one reached, so they are filled without
 * regrowing; its records, appended in large blocks across several full chunks beside a quiet tag, must still
 * arrive once each and in order.
 */
class ChunkSizingTest {
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    @Test
    void blocksAcrossSeveralFullChunksArriveOnceAndInOrder() throws Exception {
        engine = Engine.create(doc(section("SERVICE", "flush", "0.2"),
                        section("INPUT", "name", "push", "id", "sizing-in", "tag", "busy"),
                        section("OUTPUT", "name", "collect", "match", "busy", "id", "sizing-busy"),
                        section("OUTPUT", "name", "collect", "match", "quiet", "id", "sizing-quiet")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        var in = PushInput.context("sizing-in");
        int perBlock = 1000;
        int blocks = 30;                       // 30 blocks of ~260 KB: about four full 2 MB chunks
        String text = "x".repeat(240);
        EventTime t = new EventTime(1_700_000_000L, 0);
        MsgpackWriter w = new MsgpackWriter(perBlock * 300);
        int seq = 0;
        for (int b = 0; b < blocks; b++) {
            w.reset();
            for (int i = 0; i < perBlock; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("seq", (long) seq++);
                body.put("log", text);
                w.event(t, null, body);
            }
            in.append("busy", w.array(), 0, w.size(), perBlock);
            if (b % 10 == 0) in.append("quiet", new io.tributary.record.LogEvent(t, Map.of("b", (long) b)));
        }
        int total = seq;
        Await.until(Duration.ofSeconds(10), total + " busy records and 3 quiet ones",
                () -> CollectOutput.count("sizing-busy") == total && CollectOutput.count("sizing-quiet") == 3);
        List<CollectOutput.Received> got = CollectOutput.events("sizing-busy");
        for (int i = 0; i < total; i++) assertEquals((long) i, got.get(i).event().body().get("seq"));
        assertEquals(total, (long) engine.view().outputs().get(0).outputMeters().procRecords());
    }
}
