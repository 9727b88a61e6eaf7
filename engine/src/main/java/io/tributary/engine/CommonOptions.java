package io.tributary.engine;

import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.PluginType;

import java.time.Duration;
import java.util.List;

/** The keys every section of a kind accepts, whatever the plugin (Fluent Bit's instance properties). */
public final class CommonOptions {
    private CommonOptions() {}

    public static final Option<String> NAME = Option.string("name").required().doc("The plugin to run.");
    public static final Option<String> ALIAS = Option.string("alias")
            .doc("Instance name used in logs and metrics instead of name.N.");
    public static final Option<String> LOG_LEVEL = Option.choice("log_level", "off", "error", "warn", "info", "debug", "trace")
            .doc("Accepted for compatibility; the process log level applies.");
    public static final Option<String> TAG = Option.string("tag")
            .doc("Tag given to the records this input produces (default: the instance name).");
    public static final Option<Long> MEM_BUF_LIMIT = Option.size("mem_buf_limit")
            .doc("Pause the input when its buffered, undelivered data reaches this size; resume when flushed below it.");
    public static final Option<String> STORAGE_TYPE = Option.choice("storage.type", "memory", "filesystem", "memrb")
            .defaultValue("memory").doc("Where the input's chunks are buffered.");
    public static final Option<Boolean> STORAGE_PAUSE_ON_OVERLIMIT = Option.bool("storage.pause_on_chunks_overlimit")
            .defaultValue("off").doc("Pause the input when storage.max_chunks_up chunks are in memory.");
    public static final Option<Boolean> THREADED = Option.bool("threaded").defaultValue("off")
            .doc("Accepted for compatibility: inputs always run on their own threads.");
    public static final Option<String> ROUTABLE = Option.string("routable").doc("Accepted for compatibility.");

    public static final Option<String> MATCH = Option.string("match")
            .doc("Tags to take, with * wildcards (e.g. app.*).");
    public static final Option<String> MATCH_REGEX = Option.string("match_regex")
            .doc("Tags to take, as a regular expression matched against the whole tag.");

    public static final Option<String> RETRY_LIMIT = Option.string("retry_limit").defaultValue("1")
            .doc("Retries of a failed flush: a number, no_limits or False (forever), no_retries.");
    public static final Option<Integer> WORKERS = Option.integer("workers").range(0, 256)
            .doc("Flushes of this output that may run at once.");
    public static final Option<Long> STORAGE_TOTAL_LIMIT = Option.size("storage.total_limit_size")
            .doc("Most filesystem-buffered data queued for this output; the oldest chunks beyond it are dropped and counted.");

    /** Network and TLS keys Fluent Bit accepts on any networked output; accepted so existing files load. */
    static final List<Option<?>> NET_KEYS = List.of(
            Option.time("net.connect_timeout").doc("Accepted for compatibility."),
            Option.bool("net.connect_timeout_log_error").doc("Accepted for compatibility."),
            Option.bool("net.keepalive").doc("Accepted for compatibility; connections are pooled."),
            Option.time("net.keepalive_idle_timeout").doc("Accepted for compatibility."),
            Option.integer("net.keepalive_max_recycle").doc("Accepted for compatibility."),
            Option.integer("net.max_worker_connections").doc("Accepted for compatibility."),
            Option.string("net.dns.mode").doc("Accepted for compatibility."),
            Option.string("net.dns.resolver").doc("Accepted for compatibility."),
            Option.bool("net.dns.prefer_ipv4").doc("Accepted for compatibility."),
            Option.string("net.source_address").doc("Accepted for compatibility."),
            Option.time("net.io_timeout").doc("Accepted for compatibility."));

    public static ConfigSpec forType(PluginType type) {
        return switch (type) {
            case INPUT -> ConfigSpec.of(NAME, ALIAS, LOG_LEVEL, TAG, MEM_BUF_LIMIT, STORAGE_TYPE,
                    STORAGE_PAUSE_ON_OVERLIMIT, THREADED, ROUTABLE);
            case FILTER -> ConfigSpec.of(NAME, ALIAS, LOG_LEVEL, MATCH, MATCH_REGEX);
            case OUTPUT -> ConfigSpec.of(NAME, ALIAS, LOG_LEVEL, MATCH, MATCH_REGEX, RETRY_LIMIT, WORKERS,
                    STORAGE_TOTAL_LIMIT).plus(NET_KEYS);
        };
    }

    /** Retry_Limit as a count of retries; -1 for no limit. */
    public static int parseRetryLimit(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "no_limits", "false", "off", "unlimited" -> -1;
            case "no_retries" -> 0;
            default -> {
                try {
                    int n = Integer.parseInt(s);
                    if (n < 0) throw new IllegalArgumentException("Retry_Limit must be >= 0, no_limits or no_retries, got " + text);
                    yield n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Retry_Limit must be a number, no_limits, False or no_retries, got '" + text + "'");
                }
            }
        };
    }

    static Duration seconds(double s) { return Duration.ofNanos((long) (s * 1e9)); }
}
