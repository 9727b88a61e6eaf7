package io.tributary.input.forward;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A validated config from key/value pairs, as the engine would build it from an [INPUT] section. */
final class MapPluginConfig implements PluginConfig {
    private final List<Map.Entry<String, String>> entries;

    private MapPluginConfig(List<Map.Entry<String, String>> entries) { this.entries = entries; }

    /** Keys and values alternate: {@code of("Port", "0", "Tag_Prefix", "x.")}; a key may repeat. */
    static MapPluginConfig of(ConfigSpec spec, String... keyValues) throws ConfigException {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = keyValues[i];
            if (spec.find(key).isEmpty()) problems.add("unknown key '" + key + "'");
            else {
                try {
                    spec.find(key).get().convert(keyValues[i + 1]);
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": " + e.getMessage());
                }
            }
            list.add(Map.entry(key, keyValues[i + 1]));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new MapPluginConfig(list);
    }

    @Override public String pluginName() { return "forward"; }
    @Override public String instanceName() { return "forward.0"; }
    @Override public Location location() { return new Location("test.conf", 1); }

    @Override
    public <T> T get(Option<T> option) {
        for (Map.Entry<String, String> e : entries) if (option.matches(e.getKey())) return option.convert(e.getValue());
        return option.defaultText() == null ? null : option.convert(option.defaultText());
    }

    @Override
    public <T> List<T> getAll(Option<T> option) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) if (option.matches(e.getKey())) out.add(option.convert(e.getValue()));
        if (out.isEmpty() && option.defaultText() != null) out.add(option.convert(option.defaultText()));
        return out;
    }

    @Override
    public boolean isSet(Option<?> option) {
        for (Map.Entry<String, String> e : entries) if (option.matches(e.getKey())) return true;
        return false;
    }

    @Override public Location locationOf(Option<?> option) { return new Location("test.conf", 2); }
}
