package io.tributary.output.firehose;

import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.BatchDelivery;
import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.Sleeper;
import io.tributary.record.Chunk;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Sends records to an Amazon Data Firehose delivery stream with PutRecordBatch, through the shared AWS delivery core. */
final class FirehoseOutput implements OutputPlugin {
    private final FirehoseConfig.Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private AwsTransport transport;
    private BatchDelivery<FirehoseEntry> delivery;

    FirehoseOutput(FirehoseConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"));
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    FirehoseOutput(FirehoseConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override public void start(OutputContext context) throws Exception {
        if (settings.timeKeyIgnored()) {
            context.log().warn("time_key has no effect with log_key: only the log_key value is sent (as the Go plugin)");
        }
        transport = AwsTransport.open(settings.aws(), clock);
        AwsJsonClient client = transport.jsonClient("firehose", "firehose", "1.1");
        PutRecordBatchApi api = new PutRecordBatchApi(client, settings.deliveryStream(), settings.limits());
        delivery = BatchDelivery.forOutput(api, "PutRecordBatch", settings.aws().maxConcurrency(),
                settings.aws().retryPolicy(), sleeper, random, context);
        context.log().info("sending to Firehose delivery stream '" + settings.deliveryStream() + "' in "
                + settings.aws().region() + " via " + client.endpoint()
                + (settings.cloudWatchLogs() ? " as CloudWatch Logs envelopes" : ""));
    }

    @Override public FlushResult flush(Chunk chunk) throws Exception {
        EventEncoder<FirehoseEntry> encoder = settings.cloudWatchLogs()
                ? new CloudWatchLogsEncoder(settings.format().newFormatter(), settings.cloudWatch(), chunk,
                        settings.hostSalt(), settings.limits().maxRecordBytes())
                : new JsonRecordEncoder(settings.format().newFormatter());
        return delivery.deliver(chunk, encoder);
    }

    @Override public void stop() {
        if (delivery != null) delivery.close();
        if (transport != null) transport.close();
    }
}
