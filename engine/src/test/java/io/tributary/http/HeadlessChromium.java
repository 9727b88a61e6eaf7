package io.tributary.http;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with a fresh profile and DevTools on an ephemeral 127.0.0.1 port. Missing locally the
 * test is skipped; missing in CI it fails (.ci/install.d/50-http.sh installs it).
 */
final class HeadlessChromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final int devToolsPort;

    private HeadlessChromium(Process process, Path profile, int devToolsPort) {
        this.process = process;
        this.profile = profile;
        this.devToolsPort = devToolsPort;
    }

    static HeadlessChromium launch() throws IOException {
        Path binary = find();
        Path profile = Files.createTempDirectory("chromium-profile");
        Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        try {
            Await.until(Duration.ofSeconds(30), "Chromium to write " + portFile,
                    () -> Files.exists(portFile) && readPort(portFile) > 0 || !p.isAlive());
        } catch (AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        if (!p.isAlive()) throw new AssertionError("Chromium exited: " + Files.readString(profile.resolve("chromium.log")));
        return new HeadlessChromium(p, profile, readPort(portFile));
    }

    private static int readPort(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() || lines.get(0).isBlank() ? -1 : Integer.parseInt(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The first page target (the about:blank tab Chromium opened), connected. */
    DevToolsPage page() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + devToolsPort + "/json/list")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = "{\"targets\":" + r.body() + "}";
        for (Object t : (List<?>) HttpServerIT.json(body).get("targets")) {
            Map<String, Object> target = HttpServerIT.map(t);
            if ("page".equals(target.get("type"))) return DevToolsPage.connect((String) target.get("webSocketDebuggerUrl"));
        }
        throw new AssertionError("no page target in " + r.body());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Path find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("chromium not found (run .ci/install.d/50-http.sh)");
        Assumptions.abort("chromium not installed (apt-get install chromium)");
        return null;
    }
}
