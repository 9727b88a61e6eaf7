package io.tributary.buffer;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BacklogReadBudgetTest {
    @Test
    void readsBeyondTheLimitWaitForEarlierOnesAndOneOversizedChunkStillPasses() throws Exception {
        BacklogReadBudget budget = new BacklogReadBudget(5 << 20);
        budget.acquire(8 << 20);   // alone and over the limit: let through so delivery never stops
        AtomicBoolean second = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                budget.acquire(2 << 20);
                second.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until(Duration.ofSeconds(20), "the second read waiting", () -> t.getState() == Thread.State.WAITING);
        assertFalse(second.get());
        budget.release(8 << 20);
        Await.until(Duration.ofSeconds(20), "the second read let through", second::get);
        assertEquals(2 << 20, budget.inUse());
        budget.acquire(3 << 20);   // fits beside it: 5 MB
        assertEquals(5 << 20, budget.inUse());
    }
}
