package io.tributary.cli;

import io.tributary.spi.PluginType;

import java.util.Optional;

/**
 * What {@code -h} asked for: the general usage, or, when it follows {@code -i/-F/-o/-C NAME}, that plugin's
 * options ({@code tributary -o kinesis_streams -h}), as Fluent Bit does.
 *
 * @param section {@code INPUT}, {@code FILTER}, {@code OUTPUT} or {@code CUSTOM}; null for the general usage
 * @param plugin  the plugin name as typed; null for the general usage
 */
public record HelpRequest(String section, String plugin) {
    public static final HelpRequest GENERAL = new HelpRequest(null, null);

    public boolean general() { return plugin == null; }

    /** The plugin's type; empty for the general usage and for {@code -C} (custom) plugins. */
    public Optional<PluginType> pluginType() {
        if (section == null) return Optional.empty();
        return switch (section) {
            case "INPUT" -> Optional.of(PluginType.INPUT);
            case "FILTER" -> Optional.of(PluginType.FILTER);
            case "OUTPUT" -> Optional.of(PluginType.OUTPUT);
            default -> Optional.empty();
        };
    }
}
