package io.tributary.log;

import io.tributary.spi.PluginLog;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The process's log, on stderr, in Fluent Bit's line shape: {@code [2026/11/23 13:22:55] [ info] [engine] started}.
 * Libraries that log through JUL or SLF4J (the AWS SDK, Netty) are bridged into the same lines, one level
 * quieter than ours so their chatter needs debug to show.
 */
public final class Logs {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final ConcurrentHashMap<String, ComponentLog> LOGS = new ConcurrentHashMap<>();
    private static volatile LogLevel level = LogLevel.INFO;
    private static volatile PrintStream sink = System.err;
    /** The latest warning or error per component, kept whatever the log level, for the status page. */
    private static final ConcurrentHashMap<String, Problem> LAST_PROBLEM = new ConcurrentHashMap<>();

    /** A warning or error as it was logged. */
    public record Problem(LogLevel level, String message, long epochMillis) {}

    private Logs() {}

    public static PluginLog get(String component) { return LOGS.computeIfAbsent(component, ComponentLog::new); }

    public static LogLevel level() { return level; }

    public static void setLevel(LogLevel l) {
        level = l;
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(julLevelFor(l));
    }

    /** Redirects log lines (tests). */
    public static void setSink(PrintStream out) { sink = out; }

    public static boolean enabled(LogLevel l) { return l != LogLevel.OFF && l.ordinal() <= level.ordinal(); }

    /** The latest warning or error logged through {@code log}, if any. */
    public static java.util.Optional<Problem> lastProblem(PluginLog log) {
        return log instanceof ComponentLog c ? java.util.Optional.ofNullable(LAST_PROBLEM.get(c.component()))
                : java.util.Optional.empty();
    }

    static void write(LogLevel l, String component, String message, Throwable cause) {
        if (l == LogLevel.ERROR || l == LogLevel.WARN) {
            LAST_PROBLEM.put(component, new Problem(l, cause == null ? message : message + ": " + cause,
                    System.currentTimeMillis()));
        }
        if (!enabled(l)) return;
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append('[').append(LocalDateTime.now().format(TIME)).append("] [").append(l.label()).append("] [")
                .append(component).append("] ").append(message);
        if (cause != null) {
            if (enabled(LogLevel.DEBUG)) {
                StringWriter sw = new StringWriter();
                cause.printStackTrace(new PrintWriter(sw));
                sb.append('\n').append(sw);
            } else {
                sb.append(": ").append(cause);
            }
        }
        PrintStream out = sink;
        synchronized (out) {
            out.println(sb);
        }
    }

    private static Level julLevelFor(LogLevel l) {
        // Third-party libraries are one step quieter than the engine's level.
        return switch (l) {
            case OFF -> Level.OFF;
            case ERROR, WARN -> Level.SEVERE;
            case INFO -> Level.WARNING;
            case DEBUG -> Level.INFO;
            case TRACE -> Level.FINE;
        };
    }

    /** Routes java.util.logging (and SLF4J through slf4j-jdk14) into our lines. Idempotent. */
    public static synchronized void installJulBridge() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof JulBridge) return;
            root.removeHandler(h);
        }
        root.addHandler(new JulBridge());
        root.setLevel(julLevelFor(level));
    }

    private static final class JulBridge extends Handler {
        @Override public void publish(LogRecord r) {
            if (r == null || !isLoggable(r)) return;
            int v = r.getLevel().intValue();
            LogLevel l = v >= Level.SEVERE.intValue() ? LogLevel.ERROR
                    : v >= Level.WARNING.intValue() ? LogLevel.WARN
                    : v >= Level.INFO.intValue() ? LogLevel.DEBUG : LogLevel.TRACE;
            String name = r.getLoggerName() == null ? "lib" : r.getLoggerName();
            int dot = name.lastIndexOf('.');
            String msg = r.getMessage();
            if (msg != null && r.getParameters() != null && r.getParameters().length > 0) {
                try {
                    msg = java.text.MessageFormat.format(msg, r.getParameters());
                } catch (IllegalArgumentException ignored) {
                    // keep the raw pattern
                }
            }
            write(l, "lib:" + (dot >= 0 ? name.substring(dot + 1) : name), String.valueOf(msg), r.getThrown());
        }

        @Override public void flush() {}

        @Override public void close() {}
    }

    private record ComponentLog(String component) implements PluginLog {
        @Override public void error(String message) { write(LogLevel.ERROR, component, message, null); }
        @Override public void error(String message, Throwable cause) { write(LogLevel.ERROR, component, message, cause); }
        @Override public void warn(String message) { write(LogLevel.WARN, component, message, null); }
        @Override public void info(String message) { write(LogLevel.INFO, component, message, null); }
        @Override public void debug(String message) { write(LogLevel.DEBUG, component, message, null); }
        @Override public void trace(String message) { write(LogLevel.TRACE, component, message, null); }
        @Override public boolean isDebugEnabled() { return enabled(LogLevel.DEBUG); }
    }
}
