package io.tributary.cli;

import java.util.List;

/**
 * Every flag Fluent Bit 5's {@code fluent-bit} accepts, declared once: the parser and the usage text both read
 * this table. Flags Tributary cannot honour are still recognised so that the error says why, instead of
 * "unknown option".
 */
enum CliFlag {
    STORAGE_PATH('b', "storage_path", "PATH", "specify a storage buffering path"),
    CONFIG('c', "config", "FILE", "specify an optional configuration file"),
    DRY_RUN('D', "dry-run", null, "validate the configuration and exit (0 when valid)"),
    FLUSH('f', "flush", "SECONDS", "flush timeout in seconds (default: 1)"),
    CUSTOM('C', "custom", "CUSTOM", "enable a custom plugin"),
    INPUT('i', "input", "INPUT", "set an input"),
    FILTER('F', "filter", "FILTER", "set a filter"),
    MATCH('m', "match", "MATCH", "set plugin match, same as '-p match=abc'"),
    OUTPUT('o', "output", "OUTPUT", "set an output"),
    PROP('p', "prop", "\"A=B\"", "set plugin configuration property"),
    PARSER('R', "parser", "FILE", "specify a parser configuration file"),
    EXTERNAL_PLUGIN('e', "plugin", "FILE", "accepted and ignored: the Go plugins (kinesis, firehose) are built in"),
    LOG_FILE('l', "log_file", "FILE", "write log info to a file"),
    TAG('t', "tag", "TAG", "set plugin tag, same as '-p tag=abc'"),
    VERBOSE('v', "verbose", null, "increase logging verbosity (default: info); -vv for trace"),
    HTTP('H', "http", null, "enable monitoring HTTP server", "http_server"),
    HTTP_LISTEN('L', "http_listen", "ADDRESS", "set HTTP server listen address (default: 0.0.0.0)"),
    PORT('P', "port", "PORT", "set HTTP server TCP port (default: 2020)", "http_port"),
    CORO_STACK_SIZE('s', "coro_stack_size", "BYTES", "accepted and ignored (no coroutines on the JVM)"),
    QUIET('q', "quiet", null, "quiet mode: log nothing"),
    HOT_RELOAD('Y', "enable-hot-reload", null, "enable hot reloading (SIGHUP, POST /api/v2/reload)"),
    VERSION('V', "version", null, "show version number"),
    HELP('h', "help", null, "print this help; after -i/-F/-o NAME, that plugin's options"),

    // Recognised so that the error can say why; Tributary does not implement them.
    DAEMON('d', "daemon", null, No.SUPPORT, "run it under systemd, a container runtime or another supervisor"),
    SUPERVISOR('\0', "supervisor", null, No.SUPPORT, "run it under systemd, a container runtime or another supervisor"),
    SP_TASK('T', "sp-task", "SQL", No.SUPPORT, "Tributary has no stream processor"),
    WORKDIR('w', "workdir", "DIR", No.SUPPORT, "start it in that directory instead"),
    SOSREPORT('S', "sosreport", null, No.SUPPORT, "use -D to check a config"),
    CHUNK_TRACE('Z', "enable-chunk-trace", null, No.SUPPORT, "Tributary has no chunk tracing"),
    TRACE_INPUT('\0', "trace-input", "INPUT", No.SUPPORT, "Tributary has no chunk tracing"),
    TRACE_OUTPUT('\0', "trace-output", "OUTPUT", No.SUPPORT, "Tributary has no chunk tracing"),
    TRACE_OUTPUT_PROPERTY('\0', "trace-output-property", "PROP", No.SUPPORT, "Tributary has no chunk tracing"),
    TRACE('\0', "trace", "PIPELINE", No.SUPPORT, "Tributary has no chunk tracing"),
    NO_HOT_RELOAD_SAFETY('W', "disable-thread-safety-on-hot-reloading", null, No.SUPPORT, "reloads are always safe"),
    FIPS('\0', "enable-fips", null, No.SUPPORT, "use a FIPS-configured JDK instead"),
    HELP_JSON('J', "help-json", null, No.SUPPORT, "use -h for text help");

    final char shortName;
    final String longName;
    final String argument;      // null: takes no argument
    final String description;
    final boolean supported;
    final String unsupportedReason;   // what to do instead, for flags Tributary does not implement
    final List<String> otherLongNames;

    CliFlag(char shortName, String longName, String argument, String description, String... otherLongNames) {
        this.shortName = shortName;
        this.longName = longName;
        this.argument = argument;
        this.supported = !No.SUPPORT.equals(description);
        this.description = supported ? description : null;
        this.unsupportedReason = supported ? null : otherLongNames[0];
        this.otherLongNames = supported ? List.of(otherLongNames) : List.of();
    }

    /** Marks a flag Tributary recognises but does not implement; the next argument says what to do instead. */
    private static final class No {
        static final String SUPPORT = "(not supported)";
    }

    boolean takesArgument() { return argument != null; }

    /** How a user would have typed it, for messages: {@code -o/--output}. */
    String spelling() {
        return shortName != '\0' ? "-" + shortName + "/--" + longName : "--" + longName;
    }

    static CliFlag byShort(char c) {
        for (CliFlag f : values()) if (f.shortName == c) return f;
        return null;
    }
}
