package io.tributary.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full-sized chunks reuse the arrays of delivered ones. An array must come back only when every output is done
 * with its chunk: while one output still retries it, newer chunks must get other arrays, or the retry would send
 * their records instead of its own.
 */
class SpareChunkArraysTest {
    private static final int FULL = InputInstance.SEAL_BYTES + 256 * 1024;
    private static final int PER_BLOCK = 1000;
    /** 16 blocks of ~270 KB: two full chunks. */
    private static final int BLOCKS_PER_PHASE = 16;

    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    @Test
    void aGivenArrayServesTheNextFullChunkThatFitsIt() {
        SpareChunkArrays spares = new SpareChunkArrays(10L * FULL);
        byte[] a = spares.take(FULL, FULL);
        spares.give(a);
        assertSame(a, spares.take(FULL - 1000, FULL));
        assertEquals(0, spares.spareBytes());
        spares.give(a);
        assertNotSame(a, spares.take(FULL + 1, FULL + 1), "a spare too small for the chunk is not handed out");
        assertEquals(a.length, spares.spareBytes());
    }

    @Test
    void keepsNeitherSmallArraysNorMoreThanItsLimit() {
        SpareChunkArrays spares = new SpareChunkArrays(2L * FULL);
        spares.give(new byte[64 * 1024]);
        assertEquals(0, spares.spareBytes(), "a quiet tag's small array dies young and is not kept");
        spares.give(new byte[FULL]);
        spares.give(new byte[FULL]);
        spares.give(new byte[FULL]);
        assertEquals(2L * FULL, spares.spareBytes());
        byte[] small = spares.take(1000, 64 * 1024);
        assertEquals(64 * 1024, small.length, "a small chunk gets a new array, not a 2 MB spare");
        assertEquals(2L * FULL, spares.spareBytes());
    }

    @Test
    void anArrayComesBackOnlyAfterEveryOutputDeliveredItsChunk() throws Exception {
        engine = Engine.create(doc(section("SERVICE", "flush", "0.2", "scheduler.base", "1", "scheduler.cap", "1"),
                        section("INPUT", "name", "push", "id", "spare-in", "tag", "busy"),
                        section("OUTPUT", "name", "collect", "alias", "spare_fast", "match", "busy", "id", "spare-fast"),
                        // Named: an output's last warning is remembered by name for /status.json, which other
                        // tests in this JVM read for the default names (collect.1).
                        section("OUTPUT", "name", "collect", "alias", "spare_retrying", "match", "busy",
                                "id", "spare-retrying", "fail_first", "4")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        InputContext in = PushInput.context("spare-in");

        // While the retrying output has not delivered the first chunks, the fast one has: their arrays must stay.
        int sent = appendBlocks(in, 0);
        int phase1 = sent;
        Await.until(Duration.ofSeconds(10), "the fast output delivering the first phase",
                () -> CollectOutput.count("spare-fast") == phase1);
        sent = appendBlocks(in, sent);
        int phase2 = sent;
        Await.until(Duration.ofSeconds(20), "both outputs delivering two phases",
                () -> CollectOutput.count("spare-fast") == phase2 && CollectOutput.count("spare-retrying") == phase2);
        assertTrue(CollectOutput.flushes("spare-retrying") > CollectOutput.flushes("spare-fast"),
                "the second output retried");

        // Everything delivered: the next full chunks take the arrays back.
        long reusedBefore = engine.spareArrays().reused();
        sent = appendBlocks(in, sent);
        int phase3 = sent;
        Await.until(Duration.ofSeconds(10), "both outputs delivering the third phase",
                () -> CollectOutput.count("spare-fast") == phase3 && CollectOutput.count("spare-retrying") == phase3);
        assertTrue(engine.spareArrays().reused() > reusedBefore, "full chunks reused delivered arrays");

        for (String id : List.of("spare-fast", "spare-retrying")) assertEachOnceAndIntact(id, phase3);
    }

    /** Retries may reorder chunks; what counts is that every record arrived once, with its own text. */
    private static void assertEachOnceAndIntact(String id, int total) {
        java.util.Set<Long> seqs = new java.util.TreeSet<>();
        for (CollectOutput.Received r : CollectOutput.events(id)) {
            long seq = (Long) r.event().body().get("seq");
            assertEquals(text((int) seq), r.event().body().get("log"), id + " record " + seq);
            assertTrue(seqs.add(seq), id + " record " + seq + " delivered twice");
        }
        assertEquals(total, seqs.size(), id);
    }

    @Test
    void aChunkRetriedInPartHoldsOnlyThatPartAndGivesItsArrayBack() throws Exception {
        engine = Engine.create(doc(section("SERVICE", "flush", "0.2", "scheduler.base", "1", "scheduler.cap", "1"),
                        section("INPUT", "name", "push", "id", "narrow-in", "tag", "busy"),
                        // The flush takes 500 ms, so the chunk is still whole when the test first looks: a full chunk
                        // is flushed at once, and on a busy machine it was already narrowed (1 failure in 3 runs).
                        section("OUTPUT", "name", "collect", "alias", "narrowing", "match", "busy", "id", "narrow-out",
                                "partial_first", "1", "delay_ms", "500")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        InputContext in = PushInput.context("narrow-in");
        int total = appendBlocks(in, 0, 8);            // ~2.2 MB: one full chunk
        InputInstance input = engine.view().inputs().get(0);
        long full = input.bufferedBytes();
        assertTrue(full >= InputInstance.SEAL_BYTES, "one full chunk buffered: " + full);

        // Half delivered, half to retry in a second: only that half is held, and the chunk's array is spare.
        Await.until(Duration.ofSeconds(10), "half the chunk delivered",
                () -> CollectOutput.count("narrow-out") == total / 2);
        Await.until(Duration.ofSeconds(5), "only the retried half buffered", () -> input.bufferedBytes() < full * 2 / 3);
        assertTrue(input.bufferedBytes() > full / 3, "the retried half is still buffered: " + input.bufferedBytes());
        assertTrue(engine.spareArrays().spareBytes() >= InputInstance.SEAL_BYTES, "the sealed array was given back");

        Await.until(Duration.ofSeconds(10), "the other half delivered", () -> CollectOutput.count("narrow-out") == total);
        Await.until(Duration.ofSeconds(5), "nothing buffered", () -> input.bufferedBytes() == 0);
        assertEachOnceAndIntact("narrow-out", total);
    }

    private static int appendBlocks(InputContext in, int first) throws Exception {
        return appendBlocks(in, first, BLOCKS_PER_PHASE);
    }

    /** Appends {@code blocks} blocks of records numbered from {@code first}; returns the next number. */
    private static int appendBlocks(InputContext in, int first, int blocks) throws Exception {
        EventTime t = new EventTime(1_700_000_000L, 0);
        MsgpackWriter w = new MsgpackWriter(PER_BLOCK * 300);
        int seq = first;
        for (int b = 0; b < blocks; b++) {
            w.reset();
            for (int i = 0; i < PER_BLOCK; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("seq", (long) seq);
                body.put("log", text(seq++));
                w.event(t, null, body);
            }
            in.append("busy", w.array(), 0, w.size(), PER_BLOCK);
        }
        return seq;
    }

    /** Text that differs per record, so records from a wrongly reused array are told apart. */
    private static String text(int seq) {
        return (seq + "-").repeat(240).substring(0, 240);
    }
}
