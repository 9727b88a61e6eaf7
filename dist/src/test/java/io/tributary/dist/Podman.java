package io.tributary.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** podman (and the docker/ scripts) run through bash with docker/podman-env.sh sourced, as CI's host needs. */
final class Podman {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String output) {}

    private Podman() {}

    static boolean available() {
        try {
            return run(Duration.ofSeconds(30), Map.of(), "command -v podman").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a bash snippet in the repository with podman's environment set up. */
    static Result run(Duration timeout, Map<String, String> env, String script) throws IOException {
        Path log = Files.createTempFile("podman", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; . docker/podman-env.sh; " + script)
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + script + "\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), out);
    }

    static String podman(Duration timeout, String... args) throws IOException {
        List<String> quoted = new ArrayList<>();
        for (String a : args) quoted.add("'" + a.replace("'", "'\\''") + "'");
        Result r = run(timeout, Map.of(), "podman " + String.join(" ", quoted));
        if (r.exitCode() != 0) throw new AssertionError("podman " + String.join(" ", args) + " failed:\n" + r.output());
        return r.output().trim();
    }
}
