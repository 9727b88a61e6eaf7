package io.tributary.input.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the real programs the ITs talk to (logger, rsyslogd, openssl, mkfifo). Outside CI a missing
 * tool skips the test; with CI=true it fails, because .ci/install.d must have installed it.
 */
public final class ExternalTools {
    private ExternalTools() {}

    public static String require(String program) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        String message = program + " is not installed (see .ci/install.d/30-syslog.sh)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(message);
        Assumptions.abort(message);
        return null;
    }

    /** Runs a command to completion; fails with its output when it exits non-zero. */
    public static String run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError(command + " exited " + p.exitValue() + ": " + text);
        return text;
    }

    public static String run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), null);
    }
}
