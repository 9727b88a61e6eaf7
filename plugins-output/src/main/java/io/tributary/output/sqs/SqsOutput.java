package io.tributary.output.sqs;

import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.AwsTransport;
import io.tributary.output.aws.BatchDelivery;
import io.tributary.output.aws.Sleeper;
import io.tributary.record.Chunk;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Sends records to an SQS queue with SendMessageBatch, through the shared AWS delivery core. */
final class SqsOutput implements OutputPlugin {
    private final SqsConfig.Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private AwsTransport transport;
    private BatchDelivery<SqsEntry> delivery;

    SqsOutput(SqsConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, RandomGenerator.of("L64X128MixRandom"));
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    SqsOutput(SqsConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override public void start(OutputContext context) throws Exception {
        transport = AwsTransport.open(settings.aws(), clock);
        AwsJsonClient client = transport.jsonClient("sqs", "sqs", "1.0");
        SendMessageBatchApi api = new SendMessageBatchApi(client, settings.queueUrl().orElse(null),
                settings.queueName().orElse(null), settings.limits(), settings.fifo());
        delivery = BatchDelivery.forOutput(api, "SendMessageBatch", settings.aws().maxConcurrency(),
                settings.aws().retryPolicy(), sleeper, random, context);
        if (settings.fifo() && context.workers() > 1) {
            context.log().warn("FIFO queue with Workers " + context.workers() + ": records of different chunks may "
                    + "interleave within a message group; set Workers 1 to keep the order of every record");
        }
        if (settings.deduplicationId().isPresent()) {
            context.log().warn("message_deduplication_id is a fixed id: SQS accepts one message per 5 minutes with it "
                    + "and discards the others");
        }
        context.log().info("sending to SQS queue " + settings.queue() + " in " + settings.aws().region()
                + " via " + client.endpoint());
    }

    @Override public FlushResult flush(Chunk chunk) throws Exception {
        return delivery.deliver(chunk, new SqsEncoder(settings, chunk));
    }

    @Override public void stop() {
        if (delivery != null) delivery.close();
        if (transport != null) transport.close();
    }
}
