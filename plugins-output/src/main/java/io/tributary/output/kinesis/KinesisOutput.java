package io.tributary.output.kinesis;

import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.BatchDelivery;
import io.tributary.output.aws.Sleeper;
import io.tributary.record.Chunk;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;

import java.time.Clock;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Sends records to a Kinesis data stream with PutRecords, through the shared AWS delivery core. */
final class KinesisOutput implements OutputPlugin {
    private final KinesisConfig.Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private AwsTransport transport;
    private BatchDelivery<KinesisEntry> delivery;

    KinesisOutput(KinesisConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"));
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    KinesisOutput(KinesisConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
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
        AwsJsonClient client = transport.jsonClient("kinesis", "kinesis", "1.1");
        boolean cbor = settings.cbor(client.endpoint());
        PutRecordsApi api = new PutRecordsApi(client, settings.stream(), settings.limits(), cbor);
        delivery = BatchDelivery.forOutput(api, "PutRecords", settings.maxConcurrency(), settings.retryPolicy(), sleeper,
                random, context);
        context.log().info("sending to Kinesis stream '" + settings.stream() + "' in " + settings.aws().region()
                + " via " + client.endpoint() + (cbor ? " (CBOR)" : " (JSON)"));
    }

    @Override public FlushResult flush(Chunk chunk) throws Exception {
        // Each flush draws its random partition keys from its own generator, seeded from the shared one.
        RandomGenerator keys;
        synchronized (random) {
            keys = new SplittableRandom(random.nextLong());
        }
        return delivery.deliver(chunk, new KinesisEncoder(settings, keys));
    }

    @Override public void stop() {
        if (delivery != null) delivery.close();
        if (transport != null) transport.close();
    }
}
