package io.tributary.output.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.spi.OutputContext;
import io.tributary.spi.PluginLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An output context that keeps the plugin's log lines and meters for the test to inspect. */
public final class TestOutputContext implements OutputContext {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String name;

    public TestOutputContext(String name) { this.name = name; }

    private final PluginLog log = new PluginLog() {
        @Override public void error(String m) { lines.add("[error] " + m); }
        @Override public void error(String m, Throwable t) { lines.add("[error] " + m + ": " + t); }
        @Override public void warn(String m) { lines.add("[warn] " + m); }
        @Override public void info(String m) { lines.add("[info] " + m); }
        @Override public void debug(String m) { lines.add("[debug] " + m); }
        @Override public void trace(String m) { lines.add("[trace] " + m); }
        @Override public boolean isDebugEnabled() { return true; }
    };

    @Override public String name() { return name; }
    @Override public PluginLog log() { return log; }
    @Override public MeterRegistry meters() { return meters; }
    @Override public int workers() { return 2; }

    public long count(String prefix) { return lines.stream().filter(l -> l.contains(prefix)).count(); }
}
