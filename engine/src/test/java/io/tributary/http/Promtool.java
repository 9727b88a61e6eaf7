package io.tributary.http;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own parser and linter, {@code promtool check metrics} (Debian package {@code prometheus}, installed
 * by .ci/install.d/50-http.sh). Missing locally the test is skipped; missing in CI it fails.
 */
final class Promtool {
    record Result(int exitCode, String output) {}

    private Promtool() {}

    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) return p;
        }
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("promtool not found on PATH (run .ci/install.d/50-http.sh)");
        Assumptions.abort("promtool not installed (apt-get install prometheus)");
        return null;
    }

    static Result checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(find().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 30s");
        }
        return new Result(p.exitValue(), out);
    }
}
