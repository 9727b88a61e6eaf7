package io.tributary.log;

import java.util.Locale;

/** Fluent Bit's log levels, in order of verbosity. */
public enum LogLevel {
    OFF("  off"), ERROR("error"), WARN(" warn"), INFO(" info"), DEBUG("debug"), TRACE("trace");

    private final String label;

    LogLevel(String label) { this.label = label; }

    /** The five-character label Fluent Bit prints between brackets. */
    public String label() { return label; }

    public static LogLevel parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "off" -> OFF;
            case "error" -> ERROR;
            case "warn", "warning" -> WARN;
            case "info" -> INFO;
            case "debug" -> DEBUG;
            case "trace" -> TRACE;
            default -> throw new IllegalArgumentException("'" + text + "' is not a log level (off, error, warn, info, debug, trace)");
        };
    }
}
