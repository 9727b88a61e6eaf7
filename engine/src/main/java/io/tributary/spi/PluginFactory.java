package io.tributary.spi;

import java.util.List;

/**
 * A plugin as the engine discovers it through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.tributary.spi.PluginFactory}. Implement {@link InputFactory}, {@link FilterFactory}
 * or {@link OutputFactory} rather than this interface directly.
 */
public interface PluginFactory {
    PluginType type();

    /** The name configs use ({@code Name forward}); matched case-insensitively. */
    String name();

    /** Other names that select the same plugin (e.g. {@code kinesis_firehose} for {@code firehose}). */
    default List<String> aliases() { return List.of(); }

    /** One or two sentences for {@code -h} and the README. */
    String description();

    /** Every option the plugin accepts; the engine adds the common ones (Name, Match, Alias, ...). */
    ConfigSpec spec();
}
