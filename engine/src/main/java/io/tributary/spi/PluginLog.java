package io.tributary.spi;

import io.tributary.log.Logs;

/**
 * Logging for plugins, printed in Fluent Bit's shape {@code [2026/11/23 13:22:55] [ warn] [input:forward:forward.0] ...}.
 * Never pass a secret: {@link Secret#toString()} hides its value, so log the Secret, not {@code reveal()}.
 */
public interface PluginLog {
    void error(String message);
    void error(String message, Throwable cause);
    void warn(String message);
    void info(String message);
    void debug(String message);
    void trace(String message);
    boolean isDebugEnabled();

    /** A logger for a component outside a plugin instance, e.g. {@code "engine"} or {@code "aws"}. */
    static PluginLog of(String component) { return Logs.get(component); }
}
