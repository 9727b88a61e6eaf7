package io.tributary.input.forward;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the non-Java Forward clients that {@code .ci/install.d/20-forward.sh} installs: npm fluent-logger
 * in {@code test-tools/forward/} and Debian's python3-fluent-logger. Outside CI a missing tool skips the test;
 * with {@code CI=true} it fails, so CI never passes by skipping.
 */
final class ClientTools {
    private ClientTools() {}

    record Result(int exitCode, String output) {}

    static Path toolsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("test-tools/forward");
            if (Files.exists(candidate.resolve("package.json"))) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("test-tools/forward not found above " + Path.of("").toAbsolutePath());
    }

    static List<String> node(String script) {
        Path tools = toolsDir();
        require(Files.exists(tools.resolve("node_modules/fluent-logger/package.json")) && onPath("node"),
                "npm fluent-logger in " + tools + " and node");
        return List.of("node", tools.resolve(script).toString());
    }

    static List<String> python(String script) {
        Path python = Path.of("/usr/bin/python3");
        boolean ok = Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import fluent.sender"), 30).exitCode() == 0;
        require(ok, "Debian python3-fluent-logger for /usr/bin/python3");
        return List.of(python.toString(), toolsDir().resolve(script).toString());
    }

    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-2, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-3, e.toString());
        }
    }

    private static boolean onPath(String program) {
        return run(List.of(program, "--version"), 30).exitCode() == 0;
    }

    private static void require(boolean present, String what) {
        if (present) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what + " missing: run .ci/install.d/20-forward.sh");
        }
        Assumptions.abort(what + " not installed (run .ci/install.d/20-forward.sh)");
    }
}
