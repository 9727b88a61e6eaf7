package io.tributary.bench.e2e;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One end-to-end benchmark: which input the generator drives, which output the engine sends to (a
 * {@code null} output counted through {@code /api/v1/metrics}, or one of the harness's AWS endpoints, which
 * counts itself), how that endpoint behaves, and how many records a run sends by default. {@code serviceExtra}
 * and {@code inputExtra} are lines added to the [SERVICE] and [INPUT] sections; {@value #RUN_DIR} in them is
 * the run's directory.
 */
record Scenario(String name, String description, String template, Input input, Output output,
                Supplier<EndpointBehaviour> behaviour, long defaultRecords, boolean fluentBitHasIt,
                String retryLimit, String inputExtra, String serviceExtra, String kinesisProtocol) {

    static final String RUN_DIR = "{dir}";

    /**
     * A scenario in which Tributary sends Kinesis what it sends to AWS's own endpoints: CBOR. Fluent Bit only speaks
     * JSON; {@code forward_kinesis_json} has Tributary speak it too, as it does to emulators and other endpoints.
     */
    Scenario(String name, String description, String template, Input input, Output output,
             Supplier<EndpointBehaviour> behaviour, long defaultRecords, boolean fluentBitHasIt,
             String retryLimit, String inputExtra, String serviceExtra) {
        this(name, description, template, input, output, behaviour, defaultRecords, fluentBitHasIt, retryLimit,
                inputExtra, serviceExtra, "cbor");
    }

    /** Filesystem buffering of the forward input, chunk files under the run's directory. */
    private static final String FILESYSTEM_INPUT = "    storage.type  filesystem\n";

    private static String storage(String sync) {
        return "    storage.path    " + RUN_DIR + "/storage\n    storage.sync    " + sync + "\n";
    }

    enum Input { FORWARD, SYSLOG }

    enum Output { NULL, KINESIS, FIREHOSE, SQS }

    /** Records/s the throttling endpoint admits: like 25 Kinesis shards at their 1,000 records/s each. */
    static final long THROTTLE_RECORDS_PER_SECOND = 25_000;

    static final List<Scenario> ALL = List.of(
            new Scenario("forward_null", "forward (PackedForward) → null", "forward_null.conf.tmpl",
                    Input.FORWARD, Output.NULL, EndpointBehaviour::fast, 10_000_000, true, "no_limits", "", ""),
            new Scenario("syslog_null", "syslog tcp, octet counting, rfc5424 parser → null", "syslog_null.conf.tmpl",
                    Input.SYSLOG, Output.NULL, EndpointBehaviour::fast, 5_000_000, true, "no_limits", "", ""),
            new Scenario("forward_kinesis", "forward → kinesis_streams, fast TLS endpoint", "forward_kinesis.conf.tmpl",
                    Input.FORWARD, Output.KINESIS, EndpointBehaviour::fast, 2_000_000, true, "no_limits", "", ""),
            new Scenario("forward_kinesis_json", "forward → kinesis_streams in JSON (as Fluent Bit sends), fast TLS "
                    + "endpoint", "forward_kinesis.conf.tmpl", Input.FORWARD, Output.KINESIS, EndpointBehaviour::fast,
                    2_000_000, true, "no_limits", "", "", "json"),
            new Scenario("forward_kinesis_fs_normal", "forward → kinesis_streams, fast TLS endpoint, storage.type "
                    + "filesystem, storage.sync normal", "forward_kinesis.conf.tmpl", Input.FORWARD, Output.KINESIS,
                    EndpointBehaviour::fast, 2_000_000, true, "no_limits", FILESYSTEM_INPUT, storage("normal")),
            new Scenario("forward_kinesis_fs_full", "forward → kinesis_streams, fast TLS endpoint, storage.type "
                    + "filesystem, storage.sync full (fsync before each ack)", "forward_kinesis.conf.tmpl",
                    Input.FORWARD, Output.KINESIS, EndpointBehaviour::fast, 2_000_000, true, "no_limits",
                    FILESYSTEM_INPUT, storage("full")),
            new Scenario("forward_firehose", "forward → kinesis_firehose, fast TLS endpoint", "forward_firehose.conf.tmpl",
                    Input.FORWARD, Output.FIREHOSE, EndpointBehaviour::fast, 2_000_000, true, "no_limits", "", ""),
            new Scenario("forward_sqs", "forward → sqs, fast TLS endpoint (Fluent Bit has no SQS output)", "forward_sqs.conf.tmpl",
                    Input.FORWARD, Output.SQS, EndpointBehaviour::fast, 200_000, false, "no_limits", "", ""),
            new Scenario("kinesis_partial", "forward → kinesis_streams, 50% of entries fail on their first attempt",
                    "forward_kinesis.conf.tmpl", Input.FORWARD, Output.KINESIS, EndpointBehaviour::halfFailOnce,
                    100_000, true, "no_limits", "", ""),
            new Scenario("kinesis_throttled", "forward → kinesis_streams, endpoint throttling at "
                    + THROTTLE_RECORDS_PER_SECOND / 1000 + "k records/s, Mem_Buf_Limit 32M", "forward_kinesis.conf.tmpl",
                    Input.FORWARD, Output.KINESIS, () -> EndpointBehaviour.throttled(THROTTLE_RECORDS_PER_SECOND),
                    1_000_000, true, "no_limits", "    Mem_Buf_Limit 32M\n", ""));

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    boolean aws() { return output != Output.NULL; }

    LoadGenerator generator() { return input == Input.FORWARD ? new ForwardLoad() : new SyslogLoad(); }

    AwsApi api() {
        return switch (output) {
            case KINESIS -> new PutRecordsApi("bench-stream");
            case FIREHOSE -> new PutRecordBatchApi("bench-stream");
            case SQS -> new SendMessageBatchApi(QUEUE_PATH);
            case NULL -> throw new IllegalStateException(name + " has no AWS endpoint");
        };
    }

    static final String QUEUE_PATH = "/123456789012/bench-queue";

    static String queueUrl(int endpointPort) { return "https://127.0.0.1:" + endpointPort + QUEUE_PATH; }
}
