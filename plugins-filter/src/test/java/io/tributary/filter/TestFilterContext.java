package io.tributary.filter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A FilterContext that records re-emitted events; {@link #refuse} makes reEmit fail as a full engine would. */
public final class TestFilterContext implements FilterContext, AutoCloseable {
    public record Emitted(String tag, LogEvent event) {}

    private final Parsers parsers;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    public final List<Emitted> emitted = new CopyOnWriteArrayList<>();
    public volatile boolean refuse;

    public TestFilterContext(Parsers parsers) { this.parsers = parsers; }

    @Override public String name() { return "test.0"; }
    @Override public PluginLog log() { return PluginLog.of("filter:test"); }
    @Override public Parsers parsers() { return parsers; }
    @Override public MeterRegistry meters() { return meters; }
    @Override public ScheduledExecutorService timer() { return timer; }

    @Override public void reEmit(String tag, LogEvent event) throws StoreException {
        if (refuse) throw new StoreException("engine is full");
        emitted.add(new Emitted(tag, event));
    }

    @Override public void close() { timer.shutdownNow(); }
}
