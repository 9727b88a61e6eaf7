package io.tributary.output.sqs;

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

/** Sends records to an SQS queue with SendMessageBatch, through the shared AWS delivery core. */
final class SqsOutput extends AwsBatchOutput<SqsEntry> {
    private final SqsConfig.Settings settings;

    SqsOutput(SqsConfig.Settings settings) {
        this(settings, Clock.systemUTC(), Sleeper.REAL, defaultRandom());
    }

    /** The seam tests use: time, waiting and randomness come in from outside. */
    SqsOutput(SqsConfig.Settings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        super(settings.aws(), clock, sleeper, random);
        this.settings = settings;
    }

    @Override protected BatchApi<SqsEntry> openApi(AwsTransport transport, OutputContext context) {
        AwsJsonClient client = transport.jsonClient("sqs", "sqs", "1.0");
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
        return new SendMessageBatchApi(client, settings.queueUrl().orElse(null), settings.queueName().orElse(null),
                settings.limits(), settings.fifo());
    }

    @Override protected String operation() { return "SendMessageBatch"; }

    @Override protected EventEncoder<SqsEntry> encoder(Chunk chunk) { return new SqsEncoder(settings, chunk); }
}
