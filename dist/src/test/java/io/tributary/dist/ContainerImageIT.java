package io.tributary.dist;

import io.tributary.output.kinesis.Kinesalite;
import io.tributary.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image as ECS and EKS run it: built with docker/build.sh (podman, a Debian base made with debootstrap),
 * started with a FireLens-shaped config mounted at /fluent-bit/etc/, fed by Fluency, delivering to kinesalite.
 */
class ContainerImageIT {
    private static final String IMAGE = "localhost/tributary:it";
    private static Kinesalite kinesalite;

    @TempDir Path dir;

    @BeforeAll
    static void buildImage() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean podman = Podman.available();
        if (!podman && ci) throw new IllegalStateException("podman missing: run .ci/install.d/60-container.sh");
        Assumptions.assumeTrue(podman, "podman not installed (run .ci/install.d/60-container.sh)");
        Podman.Result base = Podman.run(Duration.ofMinutes(10), Map.of(), "bash docker/base-image.sh");
        assertEquals(0, base.exitCode(), base.output());
        Podman.Result build = Podman.run(Duration.ofMinutes(10), Map.of(
                "SKIP_MAVEN", "1", "BUILDER", "podman", "BASE", "localhost/debian-base:bookworm", "IMAGE", IMAGE,
                "CONTEXT", "dist/target/container-context"), "bash docker/build.sh");
        assertEquals(0, build.exitCode(), build.output());
        kinesalite = Kinesalite.start();
    }

    @AfterAll
    static void stop() {
        if (kinesalite != null) kinesalite.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int httpStatus(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void fireLensShapedConfigDeliversToKinesisAndStopsCleanly() throws Exception {
        kinesalite.createStream("container-logs", 1);
        int forwardPort = freePort();
        int httpPort = freePort();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("fluent-bit.conf"), """
                [SERVICE]
                    Flush        0.5
                    Grace        10
                    HTTP_Server  On
                    HTTP_Listen  127.0.0.1
                    HTTP_Port    %d
                    Health_Check On
                [INPUT]
                    Name   forward
                    Listen 127.0.0.1
                    Port   %d
                @INCLUDE extra.conf
                """.formatted(httpPort, forwardPort));
        Files.writeString(etc.resolve("extra.conf"), """
                [OUTPUT]
                    Name          kinesis_streams
                    Match         app-firelens-*
                    region        us-east-1
                    stream        container-logs
                    endpoint      %s
                    partition_key container_id
                """.formatted(kinesalite.endpoint));
        etc.toFile().setReadable(true, false);
        String id = Podman.podman(Duration.ofMinutes(2), "run", "-d", "--network", "host",
                "-e", "AWS_ACCESS_KEY_ID=" + Kinesalite.KEY_ID, "-e", "AWS_SECRET_ACCESS_KEY=" + Kinesalite.SECRET,
                "-v", etc + ":/fluent-bit/etc:ro", IMAGE);
        try {
            Await.until(Duration.ofSeconds(60), "health endpoint 200", () -> httpStatus(httpPort, "/api/v1/health") == 200);
            assertEquals("tributary", Podman.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.Config.User}}", id));
            assertEquals("10001", Podman.podman(Duration.ofSeconds(30), "exec", id, "/usr/bin/id", "-u"));

            Fluency fluency = new FluencyBuilderForFluentd().build("127.0.0.1", forwardPort);
            for (int i = 0; i < 2_000; i++) {
                fluency.emit("app-firelens-0123", Map.of("container_id", "c" + (i % 4), "seq", i, "log", "line " + i));
            }
            fluency.flush();
            Await.until(Duration.ofSeconds(60), "2000 records in kinesalite",
                    () -> kinesalite.readAll("container-logs").size() >= 2_000);
            fluency.close();
            Set<String> seqs = new HashSet<>();
            kinesalite.readAll("container-logs").forEach(r -> seqs.add(r.data().asString(StandardCharsets.UTF_8)));
            assertEquals(2_000, seqs.size(), "each record exactly once");

            long t0 = System.nanoTime();
            Podman.podman(Duration.ofSeconds(60), "stop", "-t", "20", id);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "stopped within Grace");
            assertEquals("0", Podman.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", id));
        } finally {
            Podman.run(Duration.ofSeconds(60), Map.of(), "podman rm -f " + id + " >/dev/null 2>&1 || true");
        }
    }

    @Test
    void sendFailureTimeoutMakesTheContainerExitNonZero() throws Exception {
        int closedPort = freePort();
        Path etc = Files.createDirectories(dir.resolve("etc-fail"));
        Files.writeString(etc.resolve("fluent-bit.conf"), """
                [SERVICE]
                    Flush          0.5
                    scheduler.base 0.5
                    scheduler.cap  1
                [INPUT]
                    Name dummy
                    Rate 5
                [OUTPUT]
                    Name        kinesis_streams
                    Match       *
                    region      us-east-1
                    stream      nowhere
                    endpoint    http://127.0.0.1:%d
                    Retry_Limit no_limits
                """.formatted(closedPort));
        long t0 = System.nanoTime();
        Podman.Result r = Podman.run(Duration.ofMinutes(2), Map.of(), "podman run --rm --network host"
                + " -e SEND_FAILURE_TIMEOUT=3s -e AWS_ACCESS_KEY_ID=x -e AWS_SECRET_ACCESS_KEY=y"
                + " -v " + etc + ":/fluent-bit/etc:ro " + IMAGE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SEND_FAILURE_TIMEOUT"), r.output());
        assertTrue(seconds < 90, "exited after " + seconds + " s");
    }
}
