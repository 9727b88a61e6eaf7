package io.tributary.output.firehose;

import io.tributary.output.aws.AwsBatchOutput;
import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.Sleeper;
import io.tributary.record.Chunk;
import io.tributary.spi.OutputContext;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Sends records to an Amazon Data Firehose delivery stream with PutRecordBatch, through the shared AWS delivery core. */
final class FirehoseOutput extends AwsBatchOutput<FirehoseEntry> {
    private final FirehoseConfig.Settings settings;

    FirehoseOutput(FirehoseConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, defaultRandom());
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    FirehoseOutput(FirehoseConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        super(settings.aws(), clock, sleeper, random);
        this.settings = settings;
    }

    @Override protected BatchApi<FirehoseEntry> openApi(AwsTransport transport, OutputContext context) {
        if (settings.timeKeyIgnored()) {
            context.log().warn("time_key has no effect with log_key: only the log_key value is sent (as the Go plugin)");
        }
        AwsJsonClient client = transport.jsonClient("firehose", "firehose", "1.1");
        context.log().info("sending to Firehose delivery stream '" + settings.deliveryStream() + "' in "
                + settings.aws().region() + " via " + client.endpoint()
                + (settings.cloudWatchLogs() ? " as CloudWatch Logs envelopes" : ""));
        return new PutRecordBatchApi(client, settings.deliveryStream(), settings.limits());
    }

    @Override protected String operation() { return "PutRecordBatch"; }

    @Override protected EventEncoder<FirehoseEntry> encoder(Chunk chunk) {
        return settings.cloudWatchLogs()
                ? new CloudWatchLogsEncoder(settings.format().newFormatter(), settings.cloudWatch(), chunk,
                        settings.hostSalt(), settings.limits().maxRecordBytes())
                : new JsonRecordEncoder(settings.format().newFormatter());
    }
}
