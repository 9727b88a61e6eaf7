package io.tributary.input.dummy;

import io.tributary.record.EventTime;
import io.tributary.spi.PluginConfig;

/** The dummy input's settings, read once from a validated config. */
record DummySettings(long intervalNanos, int copies, long samples, EventTime fixedStart, boolean fixedTimestamp,
                     boolean flushOnStartup) {
    static DummySettings from(PluginConfig c) {
        long interval = c.get(DummyInputFactory.INTERVAL_SEC) * 1_000_000_000L + c.get(DummyInputFactory.INTERVAL_NSEC);
        if (interval <= 0) interval = 1_000_000_000L / c.get(DummyInputFactory.RATE);
        int sec = c.get(DummyInputFactory.START_TIME_SEC);
        int nsec = c.get(DummyInputFactory.START_TIME_NSEC);
        EventTime start = sec >= 0 || nsec >= 0 ? new EventTime(Math.max(0, sec), Math.max(0, Math.min(999_999_999, nsec))) : null;
        return new DummySettings(Math.max(1, interval), c.get(DummyInputFactory.COPIES), c.get(DummyInputFactory.SAMPLES),
                start, c.get(DummyInputFactory.FIXED_TIMESTAMP), c.get(DummyInputFactory.FLUSH_ON_STARTUP));
    }
}
