package io.tributary.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated options of one plugin instance. Every key was checked against the plugin's {@link ConfigSpec}
 * (known, converted, in range, required ones present) before the plugin sees this.
 */
public interface PluginConfig {
    /** The plugin's name as the config gave it, e.g. {@code kinesis}. */
    String pluginName();

    /** The instance name: its Alias, or plugin name and index such as {@code forward.0}. */
    String instanceName();

    /** The section's location in its file. */
    Location location();

    /** The value, or the default; null when neither exists. */
    <T> T get(Option<T> option);

    /** The value if set or defaulted. */
    default <T> Optional<T> find(Option<T> option) { return Optional.ofNullable(get(option)); }

    /** All values of a repeatable option, in config order (the default alone if none was set). */
    <T> List<T> getAll(Option<T> option);

    /**
     * The values of several repeatable options in the order the config wrote them, for plugins whose result
     * depends on the order across options (modify's Set, Remove, Rename... lines run in file order). Options
     * not set contribute nothing (their defaults are not included). The default keeps each option's values
     * together, in the order of {@code options}; the engine's implementation returns the true file order.
     */
    default <T> List<Map.Entry<Option<T>, T>> getAllInOrder(List<Option<T>> options) {
        List<Map.Entry<Option<T>, T>> out = new ArrayList<>();
        for (Option<T> o : options) {
            if (!isSet(o)) continue;
            for (T v : getAll(o)) out.add(Map.entry(o, v));
        }
        return out;
    }

    /** Whether the user set this key (a default does not count). */
    boolean isSet(Option<?> option);

    /** Where the key was set, or the section's location. */
    Location locationOf(Option<?> option);

    /** An error for a plugin-level check, naming file:line, section, plugin and key. */
    default ConfigException error(Option<?> option, String message) {
        return new ConfigException(locationOf(option) + ": [" + pluginName() + "] " + option.name() + ": " + message);
    }

    /** An error about the section as a whole. */
    default ConfigException error(String message) {
        return new ConfigException(location() + ": [" + pluginName() + "] " + message);
    }
}
