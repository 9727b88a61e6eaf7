package io.tributary.spi;

/** Creates filter instances. {@code create} validates and may fail; it must not start threads. */
public interface FilterFactory extends PluginFactory {
    @Override default PluginType type() { return PluginType.FILTER; }

    FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException;
}
