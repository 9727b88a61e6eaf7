package io.tributary.filter;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PluginConfig built from {@code key, value} pairs as a config file would list them, checked against the
 * plugin's spec the way the engine checks it (unknown keys and bad values fail), keeping the file order.
 */
public final class TestConfig implements PluginConfig {
    private final String plugin;
    private final List<Map.Entry<Option<?>, Object>> ordered = new ArrayList<>();
    private final Map<Option<?>, List<Object>> values = new IdentityHashMap<>();
    private final Map<Option<?>, Location> locations = new IdentityHashMap<>();

    public TestConfig(String plugin, ConfigSpec spec, String... keyValues) throws ConfigException {
        this.plugin = plugin;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Location at = new Location("test.conf", i / 2 + 2);
            Option<?> o = spec.find(keyValues[i]).orElse(null);
            if (o == null) {
                problems.add(at + ": [" + plugin + "] unknown key '" + keyValues[i] + "'");
                continue;
            }
            Object v;
            try {
                v = o.convert(keyValues[i + 1]);
            } catch (IllegalArgumentException e) {
                problems.add(at + ": [" + plugin + "] " + o.name() + ": " + e.getMessage());
                continue;
            }
            values.computeIfAbsent(o, k -> new ArrayList<>()).add(v);
            locations.putIfAbsent(o, at);
            ordered.add(Map.entry(o, v));
        }
        for (Option<?> o : spec.options()) {
            if (o.isRequired() && !values.containsKey(o)) problems.add("test.conf:1: [" + plugin + "] missing required key '" + o.name() + "'");
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    @Override public String pluginName() { return plugin; }
    @Override public String instanceName() { return plugin + ".0"; }
    @Override public Location location() { return new Location("test.conf", 1); }

    @Override @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        List<Object> v = values.get(option);
        if (v != null) return (T) v.get(v.size() - 1);
        return option.defaultText() == null ? null : option.convert(option.defaultText());
    }

    @Override @SuppressWarnings("unchecked")
    public <T> List<T> getAll(Option<T> option) {
        List<Object> v = values.get(option);
        if (v != null) return (List<T>) List.copyOf(v);
        return option.defaultText() == null ? List.of() : List.of(option.convert(option.defaultText()));
    }

    @Override @SuppressWarnings("unchecked")
    public <T> List<Map.Entry<Option<T>, T>> getAllInOrder(List<Option<T>> options) {
        List<Map.Entry<Option<T>, T>> out = new ArrayList<>();
        for (Map.Entry<Option<?>, Object> e : ordered) {
            for (Option<T> o : options) if (o == e.getKey()) out.add(Map.entry(o, (T) e.getValue()));
        }
        return out;
    }

    @Override public boolean isSet(Option<?> option) { return values.containsKey(option); }

    @Override public Location locationOf(Option<?> option) { return locations.getOrDefault(option, location()); }
}
