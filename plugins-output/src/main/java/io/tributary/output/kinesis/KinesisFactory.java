package io.tributary.output.kinesis;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.List;

/** {@code kinesis_streams} (Fluent Bit's core plugin) and {@code kinesis} (the AWS Go plugin): one implementation. */
public final class KinesisFactory implements OutputFactory {
    @Override public String name() { return "kinesis_streams"; }

    @Override public List<String> aliases() { return List.of(KinesisConfig.GO_PLUGIN_NAME); }

    @Override public String description() {
        return "Send records to Amazon Kinesis Data Streams (PutRecords), retrying only the records that failed.";
    }

    @Override public ConfigSpec spec() { return KinesisConfig.SPEC; }

    /** Each flush sends its batches concurrently; two workers also spread the JSON encoding over two cores. */
    @Override public int defaultWorkers() { return 2; }

    @Override public OutputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        return new KinesisOutput(KinesisConfig.Settings.from(config, env.env()));
    }
}
