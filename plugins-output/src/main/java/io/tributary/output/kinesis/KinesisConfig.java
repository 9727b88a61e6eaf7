package io.tributary.output.kinesis;

import io.tributary.output.aws.AwsOptions;
import io.tributary.output.aws.AwsSettings;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.ConfiguredFormat;
import io.tributary.output.aws.KeyPath;
import io.tributary.output.aws.RecordFormat;
import io.tributary.output.aws.RetryPolicy;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The options of {@code kinesis_streams} (Fluent Bit's core plugin) and {@code kinesis} (the AWS Go plugin). */
public final class KinesisConfig {
    private KinesisConfig() {}

    /** The Go plugin's name; it reads %L as milliseconds, where Fluent Bit's core plugin reads nanoseconds. */
    static final String GO_PLUGIN_NAME = "kinesis";

    static final Option<String> STREAM = Option.string("stream").required()
            .doc("Kinesis data stream that receives the records.");
    static final Option<String> PARTITION_KEY = Option.string("partition_key")
            .doc("Record key whose value is the partition key, nested with -> (kubernetes->pod_name); truncated to "
                    + "256 characters; a random key when unset or absent from a record.");
    static final Option<List<String>> DATA_KEYS = Option.list("data_keys")
            .doc("Comma list of keys: send only these keys of each record.");
    static final Option<Boolean> AGGREGATION = Option.bool("aggregation").defaultValue("false")
            .doc("Pack records into KPL aggregated records (consumers de-aggregate with the KCL).");
    static final Option<Boolean> SIMPLE_AGGREGATION = Option.bool("simple_aggregation").defaultValue("false")
            .doc("Pack records, one JSON object per line, into Kinesis records of up to 1 MiB.");
    static final Option<Long> BATCH_BYTES = Option.size("batch_bytes").defaultValue("5M")
            .range(1 << 20, BatchLimits.KINESIS_MAX_REQUEST_BYTES)
            .doc("Upper bound of one PutRecords call, up to 10M where the stream's account allows it.");
    static final Option<Integer> BATCH_RECORDS = Option.integer("batch_records").defaultValue("500").range(1, 500)
            .doc("Upper bound of records in one PutRecords call.");
    static final Option<Integer> EXPERIMENTAL_CONCURRENCY = Option.integer("experimental_concurrency").range(0, 10)
            .doc("Go plugin option, mapped to max_concurrency when above 0.");
    static final Option<Integer> EXPERIMENTAL_CONCURRENCY_RETRIES = Option.integer("experimental_concurrency_retries")
            .range(0, 100).doc("Go plugin option, mapped to retry_attempts.");

    static final Option<String> PROTOCOL = Option.choice("protocol", "auto", "cbor", "json").defaultValue("auto")
            .doc("PutRecords wire format: cbor (as the AWS SDK for Java sends it: record data as bytes, no base64), "
                    + "json (as Fluent Bit sends it), or auto: cbor to AWS's own *.amazonaws.com endpoints, json to "
                    + "any other endpoint (emulators such as kinesalite store CBOR data wrongly). "
                    + "AWS_CBOR_DISABLE=true in the environment makes auto json.");

    static final ConfigSpec SPEC = ConfigSpec.of(STREAM, PARTITION_KEY, DATA_KEYS, AGGREGATION, SIMPLE_AGGREGATION,
            BATCH_BYTES, BATCH_RECORDS, PROTOCOL, EXPERIMENTAL_CONCURRENCY, EXPERIMENTAL_CONCURRENCY_RETRIES)
            .plus(AwsOptions.shared());

    /** Kinesis stream names: 1 to 128 of letters, digits, underscore, dot and hyphen. */
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    enum Aggregation { NONE, KPL, SIMPLE }

    /** What the output reads; built only from a validated config. */
    record Settings(String stream, Optional<KeyPath> partitionKey, Aggregation aggregation, BatchLimits limits,
                    RecordFormat format, AwsSettings aws, int maxConcurrency, RetryPolicy retryPolicy, boolean timeKeyIgnored,
                    String protocol) {

        /** Whether PutRecords goes in CBOR to {@code endpoint}: see {@link #PROTOCOL}. */
        boolean cbor(java.net.URI endpoint) {
            return switch (protocol) {
                case "cbor" -> true;
                case "json" -> false;
                default -> {
                    String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(java.util.Locale.ROOT);
                    boolean aws = host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
                    String off = this.aws.env().get("AWS_CBOR_DISABLE");
                    yield aws && (off == null || off.isBlank() || off.trim().equalsIgnoreCase("false"));
                }
            };
        }

        static Settings from(PluginConfig c, Map<String, String> env) throws ConfigException {
            List<String> problems = new ArrayList<>();
            AwsSettings aws = null;
            try {
                aws = AwsSettings.from(c, env);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            String stream = c.get(STREAM).trim();
            if (!STREAM_NAME.matcher(stream).matches()) {
                problems.add(c.error(STREAM, "'" + stream + "' is not a stream name (1-128 of a-z A-Z 0-9 _ . -)").getMessage());
            }
            Optional<KeyPath> pk = Optional.empty();
            if (c.isSet(PARTITION_KEY)) {
                try {
                    pk = Optional.of(KeyPath.parse(c.get(PARTITION_KEY).trim()));
                } catch (IllegalArgumentException e) {
                    problems.add(c.error(PARTITION_KEY, e.getMessage()).getMessage());
                }
            }
            boolean kpl = c.get(AGGREGATION);
            boolean simple = c.get(SIMPLE_AGGREGATION);
            if (kpl && simple) problems.add(c.error(SIMPLE_AGGREGATION, "cannot be used with aggregation").getMessage());
            boolean go = GO_PLUGIN_NAME.equalsIgnoreCase(c.pluginName());
            // The Go plugin name reads %L as milliseconds and sends only the log_key value beside a time_key.
            ConfiguredFormat configured = ConfiguredFormat.from(c, go, c.find(DATA_KEYS).orElse(null), problems);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            RecordFormat format = configured.format();
            boolean timeKeyIgnored = configured.timeKeyIgnored();
            BatchLimits limits = BatchLimits.KINESIS.narrowedTo(c.get(BATCH_RECORDS), c.get(BATCH_BYTES));
            if (c.get(BATCH_BYTES) > BatchLimits.KINESIS.maxRequestBytes()) {
                limits = new BatchLimits(limits.maxRecords(), c.get(BATCH_BYTES), limits.maxRecordBytes());
            }
            int concurrency = aws.maxConcurrency();
            Integer goConcurrency = c.get(EXPERIMENTAL_CONCURRENCY);
            if (!c.isSet(AwsOptions.MAX_CONCURRENCY) && goConcurrency != null && goConcurrency > 0) concurrency = goConcurrency;
            RetryPolicy retry = aws.retryPolicy();
            Integer goRetries = c.get(EXPERIMENTAL_CONCURRENCY_RETRIES);
            if (!c.isSet(AwsOptions.RETRY_ATTEMPTS) && goRetries != null) {
                retry = new RetryPolicy(Math.max(1, goRetries), retry.backoff(), retry.retryNetworkErrorAtOnce());
            }
            Aggregation agg = kpl ? Aggregation.KPL : simple ? Aggregation.SIMPLE : Aggregation.NONE;
            return new Settings(stream, pk, agg, limits, format, aws, concurrency, retry, timeKeyIgnored,
                    c.get(PROTOCOL).trim().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
