package io.tributary.spi;

import java.util.List;
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
