package io.tributary.input.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private rsyslogd ({@code rsyslogd -n -f CONF -i PIDFILE}) with its own work directory and an input socket
 * under {@code dir}; it never touches the system's /dev/log. Messages given to {@link #log} enter through that
 * socket and leave through whatever actions the config has.
 */
public final class Rsyslog implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final Path inputSocket;

    private Rsyslog(Process process, Path dir, Path inputSocket) {
        this.process = process;
        this.dir = dir;
        this.inputSocket = inputSocket;
    }

    /** Starts rsyslogd with {@code actions} (RainerScript: global settings and actions). */
    public static Rsyslog start(Path dir, String globals, String actions) throws IOException, InterruptedException {
        String rsyslogd = ExternalTools.require("rsyslogd");
        Files.createDirectories(dir.resolve("work"));
        Path socket = dir.resolve("in.sock");
        String conf = "global(workDirectory=\"" + dir.resolve("work") + "\")\n" + globals + "\n"
                + "module(load=\"imuxsock\" SysSock.Use=\"off\")\n"
                + "input(type=\"imuxsock\" Socket=\"" + socket + "\" RateLimit.Interval=\"0\" CreatePath=\"on\")\n"
                + actions + "\n";
        Path confFile = dir.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        ProcessBuilder pb = new ProcessBuilder(rsyslogd, "-n", "-f", confFile.toString(), "-i", dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslog.out").toFile());
        Process p = pb.start();
        Rsyslog r = new Rsyslog(p, dir, socket);
        RecordingInputContext.await(15_000, "rsyslogd to create " + socket + " (output: " + r.output() + ")",
                () -> Files.exists(socket) || !p.isAlive());
        if (!p.isAlive()) throw new AssertionError("rsyslogd exited: " + r.output());
        return r;
    }

    public Path inputSocket() { return inputSocket; }

    /** Sends lines through rsyslog's input socket with logger (local format, tag {@code tag}). */
    public void log(String tag, String... messages) throws IOException, InterruptedException {
        String logger = ExternalTools.require("logger");
        for (String m : messages) ExternalTools.run(logger, "-u", inputSocket.toString(), "-d", "-t", tag, m);
    }

    public String output() {
        try {
            return Files.exists(dir.resolve("rsyslog.out")) ? Files.readString(dir.resolve("rsyslog.out"), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    public boolean isAlive() { return process.isAlive(); }

    @Override public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
