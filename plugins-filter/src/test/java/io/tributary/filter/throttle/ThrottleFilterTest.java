package io.tributary.filter.throttle;

import io.tributary.filter.FilterHarness;
import io.tributary.filter.TestFilterContext;
import io.tributary.parser.ParserRegistry;
import io.tributary.record.LogEvent;
import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThrottleFilterTest {
    private static List<LogEvent> records(int n) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(FilterHarness.event("{\"i\":" + i + "}"));
        return out;
    }

    @Test
    void windowAllowsRateTimesWindowThenDropsUntilPanesSlideOut() throws Exception {
        // Rate 2, Window 3: records pass while (sum of the 3 panes) / 3 < 2, i.e. 6 in a fresh window.
        ThrottleFilter f = (ThrottleFilter) FilterHarness.create(new ThrottleFactory(), "Rate", "2", "Window", "3", "Interval", "1h");
        List<LogEvent> batch = records(10);
        f.filter("t", batch);
        assertEquals(6, batch.size());
        assertEquals(0L, (long) batch.get(0).body().get("i"));
        f.tick();   // a new empty pane; the old panes still hold 6
        batch = records(5);
        f.filter("t", batch);
        assertEquals(0, batch.size());
        f.tick();
        f.tick();   // the pane holding the 6 slides out
        batch = records(10);
        f.filter("t", batch);
        assertEquals(6, batch.size());
    }

    @Test
    void droppedRecordsAreCountedAndTheTimerSlidesTheWindow() throws Exception {
        try (TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            ThrottleFilter f = (ThrottleFilter) FilterHarness.create(new ThrottleFactory(), "Rate", "5", "Window", "2", "Interval", "0.05");
            f.start(ctx);
            List<LogEvent> batch = records(100);
            f.filter("t", batch);
            assertEquals(10, batch.size());
            assertEquals(90.0, ctx.meters().get("tributary.filter.throttle.dropped.records").counter().count());
            Await.until(Duration.ofSeconds(20), "the window to slide", () -> {
                List<LogEvent> more = records(1);
                f.filter("t", more);
                return more.size() == 1;
            });
            f.stop();
        }
    }

    @Test
    void fluentBitFallbacksForOutOfRangeSettings() throws Exception {
        assertEquals(Duration.ofMinutes(2), ThrottleFactory.parseInterval("2m"));
        assertEquals(Duration.ofSeconds(3), ThrottleFactory.parseInterval("3"));
        assertNull(ThrottleFactory.parseInterval("3x"));
        assertNull(ThrottleFactory.parseInterval("-1"));
        // Rate 0.5 and Window 1 fall back to 1 and 5: 5 records pass a fresh window.
        ThrottleFilter f = (ThrottleFilter) FilterHarness.create(new ThrottleFactory(), "Rate", "0.5", "Window", "1", "Interval", "1h");
        List<LogEvent> batch = records(8);
        f.filter("t", batch);
        assertEquals(5, batch.size());
    }
}
