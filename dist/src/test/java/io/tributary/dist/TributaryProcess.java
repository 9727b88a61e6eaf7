package io.tributary.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's launcher started as a real process, with its stdout and stderr captured for assertions.
 */
final class TributaryProcess implements AutoCloseable {
    static Path home() {
        return Path.of(System.getProperty("tributary.home", "target/tributary")).toAbsolutePath();
    }

    static Path launcher() { return home().resolve("bin/tributary"); }

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outPump;
    private final Thread errPump;

    private TributaryProcess(Process p) {
        this.process = p;
        this.outPump = pump(p.getInputStream(), out);
        this.errPump = pump(p.getErrorStream(), err);
    }

    static TributaryProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("FLB_LOG_LEVEL");
        pb.environment().remove("SEND_FAILURE_TIMEOUT");
        pb.environment().putAll(env);
        return new TributaryProcess(pb.start());
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    String stdout() { return out.toString(); }
    String stderr() { return err.toString(); }
    long pid() { return process.pid(); }
    boolean isAlive() { return process.isAlive(); }

    /** Whether the process exits within {@code timeout}; it is left running if not. */
    boolean exitsWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Waits for the exit code; fails the test if the process outlives the deadline. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tributary still running after " + timeout + "\nstderr:\n" + stderr());
        }
        // The pipes reach end-of-file once the process is gone: wait for the pumps to take the last lines.
        outPump.join(Duration.ofSeconds(5));
        errPump.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** SIGTERM. Through the ProcessHandle: Process.destroy() also closes our ends of its pipes, losing its last lines. */
    void signalTerm() { process.toHandle().destroy(); }

    /** SIGKILL: the JVM gets no chance to run anything (the launcher execs java, so this PID is the JVM). */
    void kill() { process.toHandle().destroyForcibly(); }

    @Override public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }

    static Path writeConfig(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
