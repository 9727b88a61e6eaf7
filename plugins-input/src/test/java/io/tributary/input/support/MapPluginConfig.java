package io.tributary.input.support;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PluginConfig from key/value pairs, validated against a spec as the engine will (unknown keys rejected). */
public final class MapPluginConfig implements PluginConfig {
    private final String plugin;
    private final Map<Option<?>, Object> values = new LinkedHashMap<>();
    private final ConfigSpec spec;

    public MapPluginConfig(String plugin, ConfigSpec spec, Map<String, String> settings) throws ConfigException {
        this.plugin = plugin;
        this.spec = spec;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Option<?> o = spec.find(e.getKey()).orElse(null);
            if (o == null) {
                problems.add("test.conf:1: [" + plugin + "] unknown key '" + e.getKey() + "'");
                continue;
            }
            try {
                values.put(o, o.convert(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add("test.conf:1: [" + plugin + "] " + o.name() + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    @Override public String pluginName() { return plugin; }
    @Override public String instanceName() { return plugin + ".0"; }
    @Override public Location location() { return new Location("test.conf", 1); }

    @SuppressWarnings("unchecked")
    @Override public <T> T get(Option<T> option) {
        if (values.containsKey(option)) return (T) values.get(option);
        return option.defaultText() == null ? null : option.convert(option.defaultText());
    }

    @Override public <T> List<T> getAll(Option<T> option) {
        T v = get(option);
        return v == null ? List.of() : List.of(v);
    }

    @Override public boolean isSet(Option<?> option) { return values.containsKey(option); }
    @Override public Location locationOf(Option<?> option) { return location(); }
}
