package io.tributary.output.aws;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated plugin config made from key/value pairs, checked against a spec the way the engine checks a config
 * section (unknown keys, required keys, conversions), for driving plugins through their public factory API.
 */
public final class TestConfig implements PluginConfig {
    private final String plugin;
    private final Map<Option<?>, Object> values;

    private TestConfig(String plugin, Map<Option<?>, Object> values) {
        this.plugin = plugin;
        this.values = values;
    }

    public static TestConfig of(String plugin, ConfigSpec spec, Map<String, String> settings) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<Option<?>, Object> values = new HashMap<>();
        Location at = new Location("test.conf", 1);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Optional<Option<?>> o = spec.find(e.getKey());
            if (o.isEmpty()) {
                problems.add(at + ": [OUTPUT] " + plugin + ": unknown key '" + e.getKey() + "'");
                continue;
            }
            try {
                values.put(o.get(), o.get().convert(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(at + ": [OUTPUT] " + plugin + ": " + o.get().name() + ": " + ex.getMessage());
            }
        }
        for (Option<?> o : spec.options()) {
            if (o.isRequired() && !values.containsKey(o)) problems.add(at + ": [OUTPUT] " + plugin + ": " + o.name() + " is required");
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new TestConfig(plugin, values);
    }

    public static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    public static PluginEnvironment env(Map<String, String> env) {
        return new PluginEnvironment() {
            @Override public Parsers parsers() { return Parsers.none(); }
            @Override public Map<String, String> env() { return env; }
            @Override public Optional<String> service(String key) { return Optional.empty(); }
            @Override public Optional<Path> storagePath() { return Optional.empty(); }
            @Override public Path configDirectory() { return Path.of("."); }
        };
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
