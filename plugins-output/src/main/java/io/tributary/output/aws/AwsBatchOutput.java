package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The lifecycle every AWS batch output shares: start opens the transport (HTTP pool and credentials) and the
 * delivery core around the service's batch API, each flush encodes the chunk's events and delivers them, stop
 * closes both. A service supplies its API, its encoder and what it logs on start.
 */
public abstract class AwsBatchOutput<E extends EventSpan> implements OutputPlugin {
    private final AwsSettings aws;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Shared by the flushes: draw from it only while holding its lock. */
    protected final RandomGenerator random;
    private AwsTransport transport;
    private BatchDelivery<E> delivery;

    /** Time, waiting and randomness come in from outside: the seam the tests use. */
    protected AwsBatchOutput(AwsSettings aws, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.aws = aws;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The randomness of a real run: jitter and random partition keys. */
    protected static RandomGenerator defaultRandom() { return RandomGenerator.of("L64X128MixRandom"); }

    /** The service's batch API on the opened transport; may log what it is about to send to. */
    protected abstract BatchApi<E> openApi(AwsTransport transport, OutputContext context);

    /** The API's operation name, as logs and meters show it. */
    protected abstract String operation();

    /** The encoder of one flush's events. */
    protected abstract EventEncoder<E> encoder(Chunk chunk);

    protected int maxConcurrency() { return aws.maxConcurrency(); }

    protected RetryPolicy retryPolicy() { return aws.retryPolicy(); }

    @Override public final void start(OutputContext context) throws Exception {
        transport = AwsTransport.open(aws, clock);
        BatchApi<E> api = openApi(transport, context);
        delivery = BatchDelivery.forOutput(api, operation(), maxConcurrency(), retryPolicy(), sleeper, random, context);
    }

    @Override public final FlushResult flush(Chunk chunk) throws Exception {
        return delivery.deliver(chunk, encoder(chunk));
    }

    @Override public final void stop() {
        if (delivery != null) delivery.close();
        if (transport != null) transport.close();
    }
}
