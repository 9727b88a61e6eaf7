package io.tributary.output.sqs;

import io.tributary.output.aws.AwsOptions;
import io.tributary.output.aws.AwsSettings;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.ConfiguredFormat;
import io.tributary.output.aws.KeyPath;
import io.tributary.output.aws.LocalHost;
import io.tributary.output.aws.RecordFormat;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The options of the {@code sqs} output. */
final class SqsConfig {
    private SqsConfig() {}

    /** SQS's own limits: 10 entries per SendMessageBatch; 256 KiB per message and per batch, 1 MiB since August 2025. */
    static final int MAX_ENTRIES = 10;
    static final long CLASSIC_MAX_BYTES = 256 * 1024;
    static final long MAX_BYTES = 1024 * 1024;
    /** A message carries at most 10 attributes. */
    static final int MAX_ATTRIBUTES = 10;

    static final Option<String> QUEUE_URL = Option.string("queue_url").alias("aws_sqs_queue_url")
            .doc("URL of the queue (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME); or set queue_name.");
    static final Option<String> QUEUE_NAME = Option.string("queue_name")
            .doc("Name of the queue in 'region', looked up with GetQueueUrl; instead of queue_url.");
    static final Option<String> MESSAGE_GROUP_ID = Option.string("message_group_id")
            .doc("FIFO: a fixed message group id (or the fallback for message_group_id_key).");
    static final Option<String> MESSAGE_GROUP_ID_KEY = Option.string("message_group_id_key")
            .doc("FIFO: record key whose value is the message group id, nested with -> (kubernetes->pod_name); "
                    + "message_group_id, else the tag, when absent.");
    static final Option<String> MESSAGE_DEDUPLICATION_ID = Option.string("message_deduplication_id")
            .doc("FIFO: a fixed deduplication id. SQS keeps one message per id for 5 minutes: every other is discarded.");
    static final Option<String> MESSAGE_DEDUPLICATION_ID_KEY = Option.string("message_deduplication_id_key")
            .doc("FIFO: record key whose value is the deduplication id. Without either option each record gets an id "
                    + "of its own that stays the same when it is retried.");
    static final Option<List<String>> MESSAGE_ATTRIBUTES = Option.list("message_attributes")
            .doc("Comma list of record keys (nested with ->) sent as String message attributes, at most 10.");
    static final Option<Long> MAX_MESSAGE_SIZE = Option.size("max_message_size").defaultValue("256k")
            .range(1024, MAX_BYTES)
            .doc("Largest message and batch (body plus attributes); up to 1M where the queue allows it. Larger records "
                    + "are dropped and counted.");

    static final ConfigSpec SPEC = ConfigSpec.of(QUEUE_URL, QUEUE_NAME, MESSAGE_GROUP_ID, MESSAGE_GROUP_ID_KEY,
            MESSAGE_DEDUPLICATION_ID, MESSAGE_DEDUPLICATION_ID_KEY, MESSAGE_ATTRIBUTES, MAX_MESSAGE_SIZE)
            .plus(AwsOptions.shared());

    /** Queue names: 1 to 80 of letters, digits, hyphen and underscore, plus ".fifo" for a FIFO queue. */
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    /** Group and deduplication ids: 1 to 128 characters of letters, digits and ASCII punctuation. */
    private static final Pattern FIFO_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    /** Attribute names: letters, digits, underscore, hyphen and period, not starting with AWS. or Amazon. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    /** A message attribute: its name and the record key it comes from. */
    record Attribute(String name, KeyPath key) {}

    /** What the output reads; built only from a validated config. */
    record Settings(Optional<String> queueUrl, Optional<String> queueName, boolean fifo, Optional<String> groupId,
                    Optional<KeyPath> groupKey, Optional<String> deduplicationId, Optional<KeyPath> deduplicationKey,
                    List<Attribute> attributes, BatchLimits limits, RecordFormat format, AwsSettings aws, int hostSalt) {

        /** The queue as the log names it. */
        String queue() { return queueUrl.orElseGet(queueName::get); }

        /** A FIFO queue without a deduplication option: each record gets an id of its own, stable across retries. */
        boolean generatedDeduplicationIds() { return fifo && deduplicationId.isEmpty() && deduplicationKey.isEmpty(); }

        static Settings from(PluginConfig c, Map<String, String> env) throws ConfigException {
            List<String> problems = new ArrayList<>();
            AwsSettings aws = null;
            try {
                aws = AwsSettings.from(c, env);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            Optional<String> url = c.find(QUEUE_URL).map(String::trim);
            Optional<String> name = c.find(QUEUE_NAME).map(String::trim);
            String queueName = null;
            if (url.isPresent() && name.isPresent()) {
                problems.add(c.error(QUEUE_NAME, "set queue_url or queue_name, not both").getMessage());
            } else if (url.isPresent()) {
                queueName = nameInUrl(url.get());
                if (queueName == null) {
                    problems.add(c.error(QUEUE_URL, "'" + url.get() + "' is not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)").getMessage());
                }
            } else if (name.isPresent()) {
                queueName = name.get();
            } else {
                problems.add(c.error("queue_url or queue_name is required").getMessage());
            }
            if (queueName != null && !QUEUE.matcher(queueName).matches()) {
                problems.add(c.error(url.isPresent() ? QUEUE_URL : QUEUE_NAME, "'" + queueName
                        + "' is not a queue name (1-80 of a-z A-Z 0-9 - _, plus .fifo for a FIFO queue)").getMessage());
            }
            boolean fifo = queueName != null && queueName.endsWith(".fifo");

            Optional<String> group = fixedId(c, MESSAGE_GROUP_ID, problems);
            Optional<KeyPath> groupKey = key(c, MESSAGE_GROUP_ID_KEY, problems);
            Optional<String> dedup = fixedId(c, MESSAGE_DEDUPLICATION_ID, problems);
            Optional<KeyPath> dedupKey = key(c, MESSAGE_DEDUPLICATION_ID_KEY, problems);
            if (queueName != null) {
                if (fifo && group.isEmpty() && groupKey.isEmpty()) {
                    problems.add(c.error("queue '" + queueName + "' is a FIFO queue: set message_group_id or "
                            + "message_group_id_key (SQS refuses FIFO messages without a group)").getMessage());
                }
                if (!fifo) {
                    for (Option<String> o : List.of(MESSAGE_DEDUPLICATION_ID, MESSAGE_DEDUPLICATION_ID_KEY)) {
                        if (c.isSet(o)) problems.add(c.error(o, "applies only to FIFO queues (names ending in .fifo), not '"
                                + queueName + "'").getMessage());
                    }
                }
            }

            List<Attribute> attributes = attributes(c, problems);
            ConfiguredFormat format = ConfiguredFormat.from(c, false, null, problems);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            long max = c.get(MAX_MESSAGE_SIZE);
            BatchLimits limits = new BatchLimits(MAX_ENTRIES, max, (int) max);
            return new Settings(url, name, fifo, group, groupKey, dedup, dedupKey, attributes, limits, format.format(), aws,
                    LocalHost.salt(LocalHost.name(env)));
        }

        /** The queue name, the last path segment of an http(s) URL, or null. */
        private static String nameInUrl(String text) {
            try {
                URI u = new URI(text);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getPath() == null) return null;
                String[] parts = u.getPath().split("/");
                return parts.length == 0 || parts[parts.length - 1].isEmpty() ? null : parts[parts.length - 1];
            } catch (URISyntaxException e) {
                return null;
            }
        }

        private static Optional<String> fixedId(PluginConfig c, Option<String> o, List<String> problems) {
            Optional<String> v = c.find(o).map(String::trim);
            if (v.isPresent() && !FIFO_ID.matcher(v.get()).matches()) {
                problems.add(c.error(o, "'" + v.get() + "' must be 1 to 128 letters, digits or punctuation").getMessage());
            }
            return v;
        }

        private static Optional<KeyPath> key(PluginConfig c, Option<String> o, List<String> problems) {
            if (!c.isSet(o)) return Optional.empty();
            try {
                return Optional.of(KeyPath.parse(c.get(o).trim()));
            } catch (IllegalArgumentException e) {
                problems.add(c.error(o, e.getMessage()).getMessage());
                return Optional.empty();
            }
        }

        private static List<Attribute> attributes(PluginConfig c, List<String> problems) {
            List<String> keys = c.find(MESSAGE_ATTRIBUTES).orElse(List.of());
            if (keys.size() > MAX_ATTRIBUTES) {
                problems.add(c.error(MESSAGE_ATTRIBUTES, keys.size() + " keys, but SQS takes at most " + MAX_ATTRIBUTES
                        + " attributes per message").getMessage());
                return List.of();
            }
            List<Attribute> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (String k : keys) {
                // A nested key's attribute is named by its path with dots: kubernetes->pod_name is kubernetes.pod_name.
                String name = k.replace("->", ".");
                String lower = name.toLowerCase(Locale.ROOT);
                if (!ATTRIBUTE.matcher(name).matches() || lower.startsWith("aws.") || lower.startsWith("amazon.")
                        || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                    problems.add(c.error(MESSAGE_ATTRIBUTES, "'" + k + "' cannot name an SQS attribute (letters, digits, "
                            + "_ - . ; not starting with AWS. or Amazon.)").getMessage());
                    continue;
                }
                if (!names.add(name)) {
                    problems.add(c.error(MESSAGE_ATTRIBUTES, "'" + k + "' is listed twice").getMessage());
                    continue;
                }
                out.add(new Attribute(name, KeyPath.parse(k)));
            }
            return List.copyOf(out);
        }
    }
}
