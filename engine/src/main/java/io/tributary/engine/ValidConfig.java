package io.tributary.engine;

import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A section's values after {@link SectionValidator} checked and converted them. */
final class ValidConfig implements PluginConfig {
    private final String pluginName;
    private final String instanceName;
    private final Location location;
    private final Map<Option<?>, List<Object>> values;
    private final Map<Option<?>, Location> locations;
    private final List<Map.Entry<Option<?>, Object>> inFileOrder;

    ValidConfig(String pluginName, String instanceName, Location location,
                IdentityHashMap<Option<?>, List<Object>> values, IdentityHashMap<Option<?>, Location> locations) {
        this(pluginName, instanceName, location, values, locations, List.of());
    }

    ValidConfig(String pluginName, String instanceName, Location location,
                IdentityHashMap<Option<?>, List<Object>> values, IdentityHashMap<Option<?>, Location> locations,
                List<Map.Entry<Option<?>, Object>> inFileOrder) {
        this.inFileOrder = List.copyOf(inFileOrder);
        this.pluginName = pluginName;
        this.instanceName = instanceName;
        this.location = location;
        this.values = values;
        this.locations = locations;
    }

    @Override public String pluginName() { return pluginName; }
    @Override public String instanceName() { return instanceName; }
    @Override public Location location() { return location; }

    @Override @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        List<Object> v = lookup(option);
        if (v != null && !v.isEmpty()) return (T) v.get(v.size() - 1);
        return option.defaultText() == null ? null : option.convert(option.defaultText());
    }

    @Override @SuppressWarnings("unchecked")
    public <T> List<T> getAll(Option<T> option) {
        List<Object> v = lookup(option);
        if (v != null && !v.isEmpty()) return (List<T>) List.copyOf(v);
        return option.defaultText() == null ? List.of() : List.of(option.convert(option.defaultText()));
    }

    @Override public boolean isSet(Option<?> option) { return lookup(option) != null; }

    @Override @SuppressWarnings("unchecked")
    public <T> List<Map.Entry<Option<T>, T>> getAllInOrder(List<Option<T>> options) {
        List<Map.Entry<Option<T>, T>> out = new ArrayList<>();
        for (Map.Entry<Option<?>, Object> e : inFileOrder) {
            for (Option<T> o : options) {
                if (e.getKey() == o || e.getKey().matches(o.name())) {
                    out.add(Map.entry(o, (T) e.getValue()));
                    break;
                }
            }
        }
        return out;
    }

    @Override public Location locationOf(Option<?> option) {
        Location l = locations.get(option);
        if (l == null) {
            for (Map.Entry<Option<?>, Location> e : locations.entrySet()) {
                if (e.getKey().name().equalsIgnoreCase(option.name())) return e.getValue();
            }
        }
        return l == null ? location : l;
    }

    /** By identity first, then by name, so a plugin may declare an option constant twice without surprise. */
    private List<Object> lookup(Option<?> option) {
        List<Object> v = values.get(option);
        if (v != null) return v;
        for (Map.Entry<Option<?>, List<Object>> e : values.entrySet()) {
            if (e.getKey().matches(option.name())) return e.getValue();
        }
        return null;
    }

    /** Keys set in this section, for logs that show configuration (secrets stay hidden by their type). */
    List<String> keysSet() {
        List<String> out = new ArrayList<>();
        for (Option<?> o : values.keySet()) out.add(o.name());
        return out;
    }
}
