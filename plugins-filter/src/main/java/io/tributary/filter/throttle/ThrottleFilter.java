package io.tributary.filter.throttle;

import io.micrometer.core.instrument.Counter;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Drops records beyond the rate, counting them as dropped ({@code tributary.filter.throttle.dropped.records}). */
final class ThrottleFilter implements FilterPlugin {
    private final double rate;
    private final int window;
    private final Duration interval;
    private final String intervalText;
    private final boolean printStatus;
    private final SlidingWindow panes;
    private volatile ScheduledFuture<?> ticker;
    private volatile Counter dropped;

    ThrottleFilter(double rate, int window, Duration interval, String intervalText, boolean printStatus) {
        this.rate = rate;
        this.window = window;
        this.interval = interval;
        this.intervalText = intervalText;
        this.printStatus = printStatus;
        this.panes = new SlidingWindow(window);
    }

    @Override public void start(FilterContext context) {
        dropped = Counter.builder("tributary.filter.throttle.dropped.records").tag("name", context.name())
                .description("Records the throttle filter dropped").register(context.meters());
        long nanos = interval.toNanos();
        ticker = context.timer().scheduleAtFixedRate(() -> {
            panes.tick();
            if (printStatus) {
                context.log().info("limit is " + String.format("%.2f", rate) + " per " + intervalText + " with window size of "
                        + window + ", current rate is: " + (long) panes.averagePerPane() + " per interval");
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        int before = events.size();
        events.removeIf(e -> !panes.tryAcquire(rate));
        int removed = before - events.size();
        Counter c = dropped;
        if (removed > 0 && c != null) c.increment(removed);
    }

    /** Advances the window by one interval; the timer does this, tests may too. */
    void tick() { panes.tick(); }

    @Override public void stop() {
        ScheduledFuture<?> t = ticker;
        if (t != null) t.cancel(false);
    }
}
