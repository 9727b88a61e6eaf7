package io.tributary.output.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveConcurrencyTest {
    private long now;
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> { waits.add(d); now += d.toNanos(); };

    @Test
    void throttlingHalvesOncePerRoundTripAndSuccessGrowsBackAdditively() throws Exception {
        AdaptiveConcurrency c = new AdaptiveConcurrency(8, 16, Duration.ofSeconds(2), () -> now, sleeper);
        List<AdaptiveConcurrency.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 8; i++) permits.add(c.acquire());
        // Eight calls in flight all come back throttled: one decrease, not eight.
        for (AdaptiveConcurrency.Permit p : permits) c.release(p, AdaptiveConcurrency.Outcome.THROTTLED);
        assertEquals(4.0, c.limit(), 1e-9);
        assertEquals(Duration.ofMillis(1280), c.spacing(), "10 ms doubled by each of the other seven replies");
        // A call started after the decrease and throttled again halves once more.
        c.release(c.acquire(), AdaptiveConcurrency.Outcome.THROTTLED);
        assertEquals(2.0, c.limit(), 1e-9);
        assertEquals(Duration.ofMillis(2000), c.spacing(), "capped");
        for (int i = 0; i < 200; i++) c.release(c.acquire(), AdaptiveConcurrency.Outcome.SUCCESS);
        assertTrue(c.limit() > 10, "grew back: " + c.limit());
        assertEquals(Duration.ZERO, c.spacing());
    }

    @Test
    void spacingDelaysCallStartsWhileThrottled() throws Exception {
        AdaptiveConcurrency c = new AdaptiveConcurrency(1, 4, Duration.ofSeconds(2), () -> now, sleeper);
        c.release(c.acquire(), AdaptiveConcurrency.Outcome.THROTTLED);
        waits.clear();
        c.release(c.acquire(), AdaptiveConcurrency.Outcome.FAILED);
        c.release(c.acquire(), AdaptiveConcurrency.Outcome.FAILED);
        assertEquals(List.of(Duration.ofMillis(10)), waits.subList(waits.size() - 1, waits.size()));
        assertTrue(waits.stream().mapToLong(Duration::toMillis).sum() >= 10);
    }

    @Test
    void partialThrottlingLowersConcurrencyButAddsNoSpacing() throws Exception {
        AdaptiveConcurrency c = new AdaptiveConcurrency(8, 8, Duration.ofSeconds(1), () -> now, sleeper);
        c.release(c.acquire(), AdaptiveConcurrency.Outcome.PARTLY_THROTTLED);
        assertEquals(4.0, c.limit(), 1e-9);
        assertEquals(Duration.ZERO, c.spacing());
    }

    @Test
    void aFewThrottledEntriesHoldThePaceAndHalfOrMoreSlowItDown() {
        assertEquals(AdaptiveConcurrency.Outcome.SUCCESS, BatchDelivery.outcome(0, 500));
        assertEquals(AdaptiveConcurrency.Outcome.FAILED, BatchDelivery.outcome(100, 500));
        assertEquals(AdaptiveConcurrency.Outcome.PARTLY_THROTTLED, BatchDelivery.outcome(250, 500));
        assertEquals(AdaptiveConcurrency.Outcome.THROTTLED, BatchDelivery.outcome(500, 500));
        assertEquals(AdaptiveConcurrency.Outcome.PARTLY_THROTTLED, BatchDelivery.outcome(2, 2), "a small retry batch");
    }

    @Test
    void neverBelowOneCall() throws Exception {
        AdaptiveConcurrency c = new AdaptiveConcurrency(2, 4, Duration.ofMillis(50), () -> now, sleeper);
        for (int i = 0; i < 20; i++) c.release(c.acquire(), AdaptiveConcurrency.Outcome.THROTTLED);
        assertEquals(1.0, c.limit(), 1e-9);
        assertEquals(Duration.ofMillis(50), c.spacing());
    }
}
