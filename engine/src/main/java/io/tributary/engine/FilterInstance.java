package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.metrics.FilterMeters;
import io.tributary.record.LogEvent;
import io.tributary.route.TagMatcher;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;
import io.tributary.spi.StoreException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** A running filter with its counters; a failing filter passes records through unchanged rather than lose them. */
public final class FilterInstance implements FilterContext {
    private final String name;
    private final String pluginName;
    private final FilterPlugin plugin;
    private final TagMatcher matcher;
    private final Parsers parsers;
    private final MeterRegistry registry;
    private final FilterMeters meters;
    private final PluginLog log;
    private final ScheduledExecutorService timer;
    private Pipeline pipeline;
    private final AtomicLong lastErrorLogMillis = new AtomicLong();

    FilterInstance(String name, String pluginName, FilterPlugin plugin, TagMatcher matcher, Parsers parsers,
                   MeterRegistry registry, ScheduledExecutorService timer) {
        this.name = name;
        this.pluginName = pluginName;
        this.plugin = plugin;
        this.matcher = matcher;
        this.parsers = parsers;
        this.registry = registry;
        this.meters = new FilterMeters(registry, name, pluginName);
        this.log = PluginLog.of("filter:" + pluginName + ":" + name);
        this.timer = timer;
    }

    void attach(Pipeline p) { this.pipeline = p; }

    @Override public String name() { return name; }
    @Override public PluginLog log() { return log; }
    @Override public Parsers parsers() { return parsers; }
    @Override public MeterRegistry meters() { return registry; }
    @Override public ScheduledExecutorService timer() { return timer; }

    public String pluginName() { return pluginName; }
    FilterPlugin plugin() { return plugin; }
    public TagMatcher matcher() { return matcher; }
    public FilterMeters filterMeters() { return meters; }

    @Override
    public void reEmit(String tag, LogEvent event) throws StoreException {
        pipeline.emitterFor(this).append(tag, event);
    }

    void apply(String tag, List<LogEvent> events) {
        int before = events.size();
        try {
            plugin.filter(tag, events);
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastErrorLogMillis.get();
            if (now - last > 10_000 && lastErrorLogMillis.compareAndSet(last, now)) {
                log.error("filter failed on tag '" + tag + "'; records passed through unchanged: " + e, e);
            }
        }
        meters.counted(before, events.size());
    }
}
