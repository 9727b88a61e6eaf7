package io.tributary.spi;

/** Creates output instances. {@code create} validates and may fail; it must not connect anywhere. */
public interface OutputFactory extends PluginFactory {
    @Override default PluginType type() { return PluginType.OUTPUT; }

    OutputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException;

    /** Flushes that may run at once for one instance unless {@code Workers} says otherwise. */
    default int defaultWorkers() { return 1; }
}
