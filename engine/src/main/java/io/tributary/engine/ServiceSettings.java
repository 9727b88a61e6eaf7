package io.tributary.engine;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.log.LogLevel;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code [SERVICE]} section, validated like a plugin's: unknown keys are errors with a suggestion. */
public final class ServiceSettings {
    public static final Option<Duration> FLUSH = Option.time("flush").defaultValue("1").range(0.001, 86400)
            .doc("Seconds between flushes of buffered records to the outputs (fractions allowed).");
    public static final Option<Duration> GRACE = Option.time("grace").defaultValue("5")
            .doc("Seconds to keep flushing on shutdown before exiting.");
    public static final Option<String> LOG_LEVEL = Option.choice("log_level", "off", "error", "warn", "info", "debug", "trace")
            .defaultValue("info").doc("Log level; FLB_LOG_LEVEL overrides it.");
    public static final Option<String> LOG_FILE = Option.string("log_file").doc("Write the log to this file instead of stderr.");
    public static final Option<String> PARSERS_FILE = Option.string("parsers_file").multiple()
            .doc("A file of [PARSER] and [MULTILINE_PARSER] sections; may be given several times.");
    public static final Option<Boolean> DAEMON = Option.bool("daemon").defaultValue("off")
            .doc("Accepted for compatibility; run under a supervisor instead.");
    public static final Option<Boolean> HTTP_SERVER = Option.bool("http_server").defaultValue("off")
            .doc("Serve metrics, health and status over HTTP.");
    public static final Option<String> HTTP_LISTEN = Option.string("http_listen").defaultValue("0.0.0.0")
            .doc("Address of the HTTP server.");
    public static final Option<Integer> HTTP_PORT = Option.integer("http_port").defaultValue("2020").range(0, 65535)
            .doc("Port of the HTTP server.");
    public static final Option<Boolean> HEALTH_CHECK = Option.bool("health_check").defaultValue("off")
            .doc("Make /api/v1/health report errors and retry failures within HC_Period.");
    public static final Option<Integer> HC_ERRORS_COUNT = Option.integer("hc_errors_count").defaultValue("5").atLeast(0)
            .doc("Output errors within HC_Period that make the health check fail.");
    public static final Option<Integer> HC_RETRY_FAILURE_COUNT = Option.integer("hc_retry_failure_count").defaultValue("5").atLeast(0)
            .doc("Retry failures within HC_Period that make the health check fail.");
    public static final Option<Integer> HC_PERIOD = Option.integer("hc_period").defaultValue("60").atLeast(1)
            .doc("Seconds over which the health check counts.");
    public static final Option<Boolean> HOT_RELOAD = Option.bool("hot_reload").defaultValue("off")
            .doc("Reload the configuration on SIGHUP or POST /api/v2/reload.");
    public static final Option<String> STORAGE_PATH = Option.string("storage.path")
            .doc("Directory for filesystem buffering.");
    public static final Option<String> STORAGE_SYNC = Option.choice("storage.sync", "normal", "full").defaultValue("normal")
            .doc("normal: an append is written to the OS (survives kill -9, not a power loss) before the input acknowledges it; "
                    + "full: it is also fsync'd (survives a power loss), at a cost in throughput.");
    public static final Option<Boolean> STORAGE_CHECKSUM = Option.bool("storage.checksum").defaultValue("off")
            .doc("Accepted for compatibility: chunk files always carry CRC32C checksums, verified on start and on every read.");
    public static final Option<Long> STORAGE_BACKLOG_MEM_LIMIT = Option.size("storage.backlog.mem_limit").defaultValue("5M")
            .doc("Memory for filesystem chunks read back from disk at once (the backlog at start, and chunks kept down).");
    public static final Option<Integer> STORAGE_MAX_CHUNKS_UP = Option.integer("storage.max_chunks_up").defaultValue("128").atLeast(1)
            .doc("Filesystem chunks held in memory at once, all inputs together; the others stay on disk until flushed.");
    public static final Option<Long> STORAGE_TOTAL_MEM_LIMIT = Option.sizeOr("storage.total_mem_limit",
                    java.util.Map.of("auto", MemoryBudget.AUTO, "off", 0L, "false", 0L, "none", 0L)).defaultValue("auto")
            .doc("Record bytes held in memory by all inputs together; at it every input pauses (never drops) until "
                    + "deliveries free memory. auto: 40% of the JVM's maximum heap, so a burst into a slow output "
                    + "pauses the senders instead of exhausting the heap; off: no engine-wide bound (Mem_Buf_Limit "
                    + "still bounds each input). Filesystem inputs keep new chunks on disk instead of pausing.");
    public static final Option<Boolean> STORAGE_METRICS = Option.bool("storage.metrics").defaultValue("off")
            .doc("Report storage metrics on the HTTP server.");
    public static final Option<Boolean> STORAGE_DELETE_IRRECOVERABLE = Option.bool("storage.delete_irrecoverable_chunks")
            .defaultValue("off").doc("Delete corrupt chunks instead of moving them to rejected/.");
    public static final Option<Boolean> STORAGE_KEEP_REJECTED = Option.bool("storage.keep.rejected").defaultValue("on")
            .doc("Accepted for compatibility: corrupt chunk files are kept under storage.path/rejected/ unless "
                    + "storage.delete_irrecoverable_chunks is on.");
    public static final Option<Duration> SCHEDULER_BASE = Option.time("scheduler.base").defaultValue("5")
            .doc("Lower bound of the retry backoff, in seconds.");
    public static final Option<Duration> SCHEDULER_CAP = Option.time("scheduler.cap").defaultValue("2000")
            .doc("Upper bound of the retry backoff, in seconds.");
    public static final Option<Integer> FLUSH_CONCURRENCY = Option.integer("flush.max_concurrency").defaultValue("256").range(1, 65536)
            .doc("Engine-wide limit of flushes running at once (each output is also bound by its Workers).");

    private static final List<Option<?>> COMPAT_ONLY = List.of(
            Option.string("coro_stack_size").doc("Accepted for compatibility."),
            Option.string("plugins_file").doc("Accepted for compatibility: plugins are found on the class path."),
            Option.string("streams_file").doc("Accepted for compatibility; stream processing is not supported."),
            Option.string("dns.mode").doc("Accepted for compatibility."),
            Option.string("dns.resolver").doc("Accepted for compatibility."),
            Option.bool("dns.prefer_ipv4").doc("Accepted for compatibility."),
            Option.bool("json.convert_nan_to_null").doc("Accepted for compatibility: NaN is always written as null."),
            Option.string("json.escape_unicode").doc("Accepted for compatibility."),
            Option.bool("enable_chunk_trace").doc("Accepted for compatibility."),
            Option.string("storage.inherit").doc("Accepted for compatibility."),
            Option.string("storage.trim_files").doc("Accepted for compatibility."),
            Option.bool("http_cors").doc("Accepted for compatibility."),
            Option.bool("hot_reload.ensure_thread_safety").doc("Accepted for compatibility."),
            Option.time("hot_reload.timeout").doc("Accepted for compatibility."));

    public static final ConfigSpec SPEC = ConfigSpec.of(FLUSH, GRACE, LOG_LEVEL, LOG_FILE, PARSERS_FILE, DAEMON,
            HTTP_SERVER, HTTP_LISTEN, HTTP_PORT, HEALTH_CHECK, HC_ERRORS_COUNT, HC_RETRY_FAILURE_COUNT, HC_PERIOD,
            HOT_RELOAD, STORAGE_PATH, STORAGE_SYNC, STORAGE_CHECKSUM, STORAGE_BACKLOG_MEM_LIMIT, STORAGE_MAX_CHUNKS_UP,
            STORAGE_TOTAL_MEM_LIMIT, STORAGE_METRICS, STORAGE_DELETE_IRRECOVERABLE, STORAGE_KEEP_REJECTED, SCHEDULER_BASE, SCHEDULER_CAP,
            FLUSH_CONCURRENCY).plus(COMPAT_ONLY);

    private final ValidConfig values;
    private final Map<String, String> raw;

    private ServiceSettings(ValidConfig values, Map<String, String> raw) {
        this.values = values;
        this.raw = raw;
    }

    /** Merges every [SERVICE] section (later keys win, as when a -f flag follows a file) and validates. */
    static ServiceSettings from(List<ConfigSection> sections, List<String> problems) {
        IdentityHashMap<Option<?>, List<Object>> values = new IdentityHashMap<>();
        IdentityHashMap<Option<?>, Location> locations = new IdentityHashMap<>();
        Map<String, String> raw = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigSection s : sections) {
            for (ConfigEntry e : s.entries()) {
                Optional<Option<?>> o = SPEC.find(e.key());
                if (o.isEmpty()) {
                    problems.add(e.location() + ": [SERVICE]: unknown key '" + e.key() + "'" + SectionValidator.suggestion(e.key(), SPEC));
                    continue;
                }
                try {
                    Object v = o.get().convert(e.value());
                    List<Object> list = values.computeIfAbsent(o.get(), k -> new ArrayList<>());
                    if (!o.get().isMultiple()) list.clear();
                    list.add(v);
                    locations.put(o.get(), e.location());
                    raw.put(e.key(), e.value());
                } catch (IllegalArgumentException bad) {
                    problems.add(e.location() + ": [SERVICE]: " + e.key() + ": " + bad.getMessage());
                }
            }
        }
        Location where = sections.isEmpty() ? Location.BUILT_IN : sections.get(0).location();
        return new ServiceSettings(new ValidConfig("service", "service", where, values, locations), raw);
    }

    public <T> T get(Option<T> o) { return values.get(o); }
    public <T> List<T> getAll(Option<T> o) { return values.getAll(o); }
    public boolean isSet(Option<?> o) { return values.isSet(o); }
    public Location locationOf(Option<?> o) { return values.locationOf(o); }
    public Optional<String> raw(String key) { return Optional.ofNullable(raw.get(key)); }

    public Duration flush() { return get(FLUSH); }
    public Duration grace() { return get(GRACE); }
    public LogLevel logLevel() { return LogLevel.parse(get(LOG_LEVEL)); }
    public Optional<Path> storagePath() { return Optional.ofNullable(get(STORAGE_PATH)).map(Path::of); }
}
