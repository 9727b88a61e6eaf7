package io.tributary.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.record.LogEvent;

import java.util.concurrent.ScheduledExecutorService;

/** What a running filter may use. */
public interface FilterContext {
    String name();

    PluginLog log();

    Parsers parsers();

    MeterRegistry meters();

    /**
     * Emits a record with a (new) tag as if an input had received it: it is routed again and passes the filters
     * that match its tag, except this one (rewrite_tag, multiline's emitter).
     */
    void reEmit(String tag, LogEvent event) throws StoreException;

    /** A shared timer for time-based work (flush timeouts); tasks must be short. */
    ScheduledExecutorService timer();
}
