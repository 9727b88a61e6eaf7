package io.tributary.cli;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trim runs once when collections stop (after start-up, after each burst), never while they go on. */
class IdleHeapTrimTest {
    private final AtomicLong collections = new AtomicLong(3);
    private final AtomicInteger trims = new AtomicInteger();
    // The trim's own full collection counts as one.
    private final IdleHeapTrim trim = new IdleHeapTrim(collections::get, () -> {
        trims.incrementAndGet();
        collections.incrementAndGet();
    });

    @Test
    void trimsOnceWhenStartUpIsOverAndNotAgainWhileIdle() {
        assertFalse(trim.check(), "the first look has nothing to compare with");
        assertTrue(trim.check(), "a period without a collection after start-up");
        for (int i = 0; i < 10; i++) assertFalse(trim.check(), "idle, and nothing collected since the trim");
        assertEquals(1, trims.get());
    }

    @Test
    void neverTrimsUnderLoadAndTrimsOnceAfterABurst() {
        trim.check();
        trim.check();
        int before = trims.get();
        for (int i = 0; i < 10; i++) {
            collections.addAndGet(5);
            assertFalse(trim.check(), "collections still running: the engine is busy");
        }
        assertTrue(trim.check(), "the burst is over");
        assertFalse(trim.check());
        assertEquals(before + 1, trims.get());
    }
}
