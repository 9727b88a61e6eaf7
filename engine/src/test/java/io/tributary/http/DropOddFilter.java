package io.tributary.http;

import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.List;

/** Test filter {@code drop_odd}: removes records whose field {@code n} is odd, so filter counters move. */
final class DropOddFilter implements FilterFactory {
    @Override public String name() { return "drop_odd"; }

    @Override public String description() { return "Test filter that drops records with an odd n."; }

    @Override public ConfigSpec spec() { return ConfigSpec.of(); }

    @Override
    public FilterPlugin create(PluginConfig config, PluginEnvironment env) {
        return (String tag, List<LogEvent> events) ->
                events.removeIf(e -> e.body().get("n") instanceof Long n && n % 2 != 0);
    }
}
