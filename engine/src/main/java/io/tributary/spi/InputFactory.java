package io.tributary.spi;

/** Creates input instances. {@code create} validates and may fail; it must not open sockets or start threads. */
public interface InputFactory extends PluginFactory {
    @Override default PluginType type() { return PluginType.INPUT; }

    InputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException;
}
