package io.tributary.output.firehose;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.List;

/** {@code firehose} (the AWS Go plugin) and {@code kinesis_firehose} (Fluent Bit's core plugin): one implementation. */
public final class FirehoseFactory implements OutputFactory {
    @Override public String name() { return "firehose"; }

    @Override public List<String> aliases() { return List.of(FirehoseConfig.CORE_PLUGIN_NAME); }

    @Override public String description() {
        return "Send records to Amazon Data Firehose (PutRecordBatch), as JSON or as CloudWatch Logs subscription "
                + "envelopes, retrying only the records that failed.";
    }

    @Override public ConfigSpec spec() { return FirehoseConfig.SPEC; }

    /** Each flush sends its batches concurrently; two workers also spread the encoding over two cores. */
    @Override public int defaultWorkers() { return 2; }

    @Override public OutputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        return new FirehoseOutput(FirehoseConfig.Settings.from(config, env.env()));
    }
}
