package io.tributary.output.firehose;

import io.tributary.output.aws.AwsOptions;
import io.tributary.output.aws.AwsSettings;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.Compression;
import io.tributary.output.aws.ConfiguredFormat;
import io.tributary.output.aws.LocalHost;
import io.tributary.output.aws.RecordFormat;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code kinesis_firehose} (Fluent Bit's core plugin, in C) and {@code firehose} (the AWS Go plugin,
 * which Fluent Bit's documentation names so; the core plugin took the other name to avoid a clash).
 */
final class FirehoseConfig {
    private FirehoseConfig() {}

    /** The Go plugin's name; it reads %L as milliseconds, where Fluent Bit's core plugin reads nanoseconds. */
    static final String GO_PLUGIN_NAME = "firehose";
    /** Fluent Bit's core plugin. */
    static final String CORE_PLUGIN_NAME = "kinesis_firehose";

    static final Option<String> DELIVERY_STREAM = Option.string("delivery_stream").required().alias("aws_firehose_stream")
            .doc("Firehose delivery stream that receives the records.");
    static final Option<List<String>> DATA_KEYS = Option.list("data_keys")
            .doc("Comma list of keys: send only these keys of each record.");
    static final Option<String> FORMAT = Option.choice("format", "json", "cloudwatch_logs").defaultValue("json")
            .doc("json: one record per Firehose record. cloudwatch_logs: records gathered into gzip-compressed "
                    + "CloudWatch Logs subscription envelopes (kinesyslog's format), one envelope per Firehose record.");
    static final Option<String> LOG_GROUP = Option.string("log_group")
            .doc("cloudwatch_logs: logGroup of the envelopes, a fixed name or a record key as $key ($a->b, $a['b']); "
                    + "the record's tag when unset or the key is absent.");
    static final Option<String> LOG_STREAM = Option.string("log_stream")
            .doc("cloudwatch_logs: logStream, a fixed name or $key; this machine's host name when unset or absent.");
    static final Option<String> LOG_OWNER = Option.string("log_owner")
            .doc("cloudwatch_logs: the 12-digit account id in 'owner' (default: the account of role_arn, else 000000000000).");
    static final Option<List<String>> SUBSCRIPTION_FILTERS = Option.list("subscription_filters")
            .doc("cloudwatch_logs: names in 'subscriptionFilters' (default: the envelope's log group).");
    static final Option<Long> BATCH_BYTES = Option.size("batch_bytes").defaultValue("4M")
            .range(BatchLimits.FIREHOSE.maxRecordBytes(), BatchLimits.FIREHOSE.maxRequestBytes())
            .doc("Upper bound of one PutRecordBatch call (at most 4M).");
    static final Option<Integer> BATCH_RECORDS = Option.integer("batch_records").defaultValue("500").range(1, 500)
            .doc("Upper bound of records in one PutRecordBatch call.");

    static final ConfigSpec SPEC = ConfigSpec.of(DELIVERY_STREAM, DATA_KEYS, FORMAT, LOG_GROUP, LOG_STREAM, LOG_OWNER,
            SUBSCRIPTION_FILTERS, BATCH_BYTES, BATCH_RECORDS).plus(AwsOptions.shared());

    /** Firehose stream names: 1 to 64 of letters, digits, underscore, dot and hyphen. */
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws[a-zA-Z-]*:iam::(\\d{12}):.*");

    /** What the output reads; built only from a validated config. */
    record Settings(String deliveryStream, BatchLimits limits, RecordFormat format, CloudWatchSettings cloudWatch,
                    AwsSettings aws, boolean timeKeyIgnored, int hostSalt) {

        boolean cloudWatchLogs() { return cloudWatch != null; }

        static Settings from(PluginConfig c, Map<String, String> env) throws ConfigException {
            List<String> problems = new ArrayList<>();
            AwsSettings aws = null;
            try {
                aws = AwsSettings.from(c, env);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            String stream = c.get(DELIVERY_STREAM).trim();
            if (!STREAM_NAME.matcher(stream).matches()) {
                problems.add(c.error(DELIVERY_STREAM, "'" + stream + "' is not a delivery stream name (1-64 of a-z A-Z 0-9 _ . -)").getMessage());
            }
            boolean cloudWatchLogs = "cloudwatch_logs".equals(c.get(FORMAT));
            if (!cloudWatchLogs) {
                for (Option<?> o : List.of(LOG_GROUP, LOG_STREAM, LOG_OWNER, SUBSCRIPTION_FILTERS)) {
                    if (c.isSet(o)) problems.add(c.error(o, "applies only with format cloudwatch_logs").getMessage());
                }
            }
            Compression compression = Compression.of(c.get(AwsOptions.COMPRESSION));
            if (cloudWatchLogs && compression != Compression.NONE && compression != Compression.GZIP) {
                problems.add(c.error(AwsOptions.COMPRESSION, "cloudwatch_logs envelopes are always gzip-compressed; '"
                        + c.get(AwsOptions.COMPRESSION) + "' cannot apply").getMessage());
            }
            boolean go = GO_PLUGIN_NAME.equalsIgnoreCase(c.pluginName());
            ConfiguredFormat format = ConfiguredFormat.from(c, go, c.find(DATA_KEYS).orElse(null), problems);
            CloudWatchSettings cw = cloudWatchLogs ? cloudWatch(c, env, problems) : null;
            if (!problems.isEmpty()) throw new ConfigException(problems);

            RecordFormat rf = format.format();
            if (cloudWatchLogs) {
                // Each message goes into the envelope as text; the envelope as a whole is what gets compressed.
                rf = new RecordFormat(rf.logKey(), rf.dataKeys(), rf.timeKey(), rf.timeKeyFormat(), rf.lStyle(),
                        rf.replaceDots(), rf.appendNewline(), Compression.NONE);
            }
            BatchLimits limits = BatchLimits.FIREHOSE.narrowedTo(c.get(BATCH_RECORDS), c.get(BATCH_BYTES));
            return new Settings(stream, limits, rf, cw, aws, format.timeKeyIgnored(), LocalHost.salt(LocalHost.name(env)));
        }

        private static CloudWatchSettings cloudWatch(PluginConfig c, Map<String, String> env, List<String> problems) {
            LogField group = field(c, LOG_GROUP, problems);
            LogField stream = field(c, LOG_STREAM, problems);
            String owner = "000000000000";
            if (c.isSet(LOG_OWNER)) {
                owner = c.get(LOG_OWNER).trim();
                if (!ACCOUNT.matcher(owner).matches()) {
                    problems.add(c.error(LOG_OWNER, "'" + owner + "' is not a 12-digit AWS account id").getMessage());
                }
            } else if (c.isSet(AwsOptions.ROLE_ARN)) {
                Matcher m = ROLE_ACCOUNT.matcher(c.get(AwsOptions.ROLE_ARN).trim());
                if (m.matches()) owner = m.group(1);
            }
            return new CloudWatchSettings(group, stream, LocalHost.name(env), owner, c.find(SUBSCRIPTION_FILTERS).orElse(List.of()));
        }

        private static LogField field(PluginConfig c, Option<String> o, List<String> problems) {
            if (!c.isSet(o)) return LogField.unset();
            try {
                return LogField.parse(c.get(o));
            } catch (IllegalArgumentException e) {
                problems.add(c.error(o, e.getMessage()).getMessage());
                return null;
            }
        }
    }
}
