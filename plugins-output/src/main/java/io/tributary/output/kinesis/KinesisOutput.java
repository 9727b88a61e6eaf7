package io.tributary.output.kinesis;

import io.tributary.output.aws.AwsBatchOutput;
import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.RetryPolicy;
import io.tributary.output.aws.Sleeper;
import io.tributary.record.Chunk;
import io.tributary.spi.OutputContext;

import java.time.Clock;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Sends records to a Kinesis data stream with PutRecords, through the shared AWS delivery core. */
final class KinesisOutput extends AwsBatchOutput<KinesisEntry> {
    private final KinesisConfig.Settings settings;

    KinesisOutput(KinesisConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, defaultRandom());
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    KinesisOutput(KinesisConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        super(settings.aws(), clock, sleeper, random);
        this.settings = settings;
    }

    @Override protected BatchApi<KinesisEntry> openApi(AwsTransport transport, OutputContext context) {
        if (settings.timeKeyIgnored()) {
            context.log().warn("time_key has no effect with log_key: only the log_key value is sent (as the Go plugin)");
        }
        AwsJsonClient client = transport.jsonClient("kinesis", "kinesis", "1.1");
        boolean cbor = settings.cbor(client.endpoint());
        context.log().info("sending to Kinesis stream '" + settings.stream() + "' in " + settings.aws().region()
                + " via " + client.endpoint() + (cbor ? " (CBOR)" : " (JSON)"));
        return new PutRecordsApi(client, settings.stream(), settings.limits(), cbor);
    }

    @Override protected String operation() { return "PutRecords"; }

    /** The Go plugin's experimental_concurrency options can set these apart from the shared AWS keys. */
    @Override protected int maxConcurrency() { return settings.maxConcurrency(); }

    @Override protected RetryPolicy retryPolicy() { return settings.retryPolicy(); }

    @Override protected EventEncoder<KinesisEntry> encoder(Chunk chunk) {
        // Each flush draws its random partition keys from its own generator, seeded from the shared one.
        RandomGenerator keys;
        synchronized (random) {
            keys = new SplittableRandom(random.nextLong());
        }
        return new KinesisEncoder(settings, keys);
    }
}
