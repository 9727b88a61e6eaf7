package io.tributary.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One engine under test running as its own OS process, its output in a log file. Every process started here is
 * also remembered by a shutdown hook, so a failing or interrupted benchmark never leaves an engine behind.
 */
final class EngineProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(EngineProcess::kill), "e2e-kill-engines"));
    }

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private EngineProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static EngineProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        return new EngineProcess(p, log, t0);
    }

    long pid() { return process.pid(); }

    /** Time since the process was started. */
    Duration age() { return Duration.ofNanos(System.nanoTime() - startedNanos); }

    Path log() { return log; }

    /** Waits until {@code port} on 127.0.0.1 accepts a connection; returns the time since the start. */
    Duration awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("engine exited with status " + process.exitValue() + " before port " + port
                        + " accepted; its log (" + log + ") ends with:\n" + tail(log, 20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("port " + port + " did not accept within " + timeout.toSeconds() + " s; log " + log
                + " ends with:\n" + tail(log, 20));
    }

    ProcessSample sample() throws IOException {
        if (!process.isAlive()) throw new IOException("engine exited with status " + process.exitValue()
                + "; its log (" + log + ") ends with:\n" + tail(log, 20));
        return ProcessSample.of(process.pid());
    }

    boolean alive() { return process.isAlive(); }

    /** SIGTERM, up to 10 s to exit, then SIGKILL for it and anything it started. */
    @Override
    public void close() {
        kill(process);
        LIVE.remove(process);
    }

    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
