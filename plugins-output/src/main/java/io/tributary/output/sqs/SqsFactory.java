package io.tributary.output.sqs;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

/** {@code sqs}: records as messages of an Amazon SQS queue, standard or FIFO. */
public final class SqsFactory implements OutputFactory {
    @Override public String name() { return "sqs"; }

    @Override public String description() {
        return "Send records to an Amazon SQS queue (SendMessageBatch), standard or FIFO, retrying only the messages "
                + "that failed.";
    }

    @Override public ConfigSpec spec() { return SqsConfig.SPEC; }

    /** One flush at a time: a FIFO queue keeps records in the order they are sent. */
    @Override public int defaultWorkers() { return 1; }

    @Override public OutputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        return new SqsOutput(SqsConfig.Settings.from(config, env.env()));
    }
}
