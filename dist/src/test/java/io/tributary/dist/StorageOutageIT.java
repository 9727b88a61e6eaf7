package io.tributary.dist;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output outage with filesystem storage: the destination is unusable while a forward client sends far more
 * than the JVM's heap could hold. The backlog goes to disk, the heap stays bounded (a 96 MB heap that exits on
 * OutOfMemoryError survives), the client keeps getting acks, and when the destination comes back every record is
 * delivered exactly once.
 */
class StorageOutageIT {
    private static final int RECORDS = Integer.getInteger("tributary.outage.records", 500_000);
    private static final String PADDING = "x".repeat(240);

    @TempDir Path dir;

    @Test
    void anOutageGrowsTheDiskNotTheHeapAndLosesNothing() throws Exception {
        Path storage = dir.resolve("storage");
        Path out = dir.resolve("out");
        Files.writeString(out, "the output directory is missing: a plain file stands in its place");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = TributaryProcess.writeConfig(dir, "outage.conf", """
                [SERVICE]
                    Flush                 0.5
                    Grace                 5
                    storage.path          %s
                    storage.max_chunks_up 4
                    scheduler.base        0.5
                    scheduler.cap         1
                [INPUT]
                    Name         forward
                    Listen       127.0.0.1
                    Port         %d
                    storage.type filesystem
                [OUTPUT]
                    Name        file
                    Match       *
                    Path        %s
                    Format      plain
                    Retry_Limit no_limits
                """.formatted(storage, port, out));
        DeliveredNumbers delivered = new DeliveredNumbers(out.resolve("outage"), RECORDS);
        long maxRssKb = 0;
        long maxDiskBytes = 0;
        // A heap far smaller than what the outage piles up; the launcher's defaults exit on OutOfMemoryError.
        try (TributaryProcess p = TributaryProcess.start(Map.of("TRIBUTARY_EXTRA_OPTS", "-Xmx96m"), "-c", conf.toString())) {
            Await.until(Duration.ofSeconds(30), "started", () -> p.stderr().contains("started (pid="));
            FluencyBuilderForFluentd b = AckingFluency.builder();
            try (Fluency fluency = b.build("127.0.0.1", port)) {
                for (int i = 0; i < RECORDS; i++) {
                    // "n" first: the delivered-records reader expects it there, and Map.of's order changes per JVM run.
                    Map<String, Object> record = new java.util.LinkedHashMap<>();
                    record.put("n", i);
                    record.put("pad", PADDING);
                    fluency.emit("outage", record);
                }
                fluency.flush();
                long[] peak = {0, 0};
                // Sampled while the client sends: the process's resident memory and the backlog on disk.
                Await.until(Duration.ofSeconds(180), "the client's buffer sent", () -> {
                    peak[0] = Math.max(peak[0], rssKb(p.pid()));
                    peak[1] = Math.max(peak[1], DirectorySize.bytesUnder(storage));
                    return fluency.getBufferedDataSize() == 0 || !p.isAlive();
                });
                assertTrue(p.isAlive(), "tributary died during the outage:\n" + tail(p.stderr()) + "\nstdout:\n" + tail(p.stdout()));
                assertTrue(fluency.waitUntilAllBufferFlushed(120), "every record acknowledged during the outage");
                maxRssKb = Math.max(peak[0], rssKb(p.pid()));
                maxDiskBytes = Math.max(peak[1], DirectorySize.bytesUnder(storage));
            }
            assertTrue(p.isAlive(), "tributary died during the outage:\n" + tail(p.stderr()) + "\nstdout:\n" + tail(p.stdout()));

            // The destination comes back.
            Files.delete(out);
            Files.createDirectories(out);
            try {
                Await.until(Duration.ofSeconds(120), RECORDS + " records delivered after the outage", () -> {
                    refresh(delivered);
                    return delivered.distinct() == RECORDS;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " (" + delivered.distinct() + " delivered)\n" + tail(p.stderr()), e);
            }
            Await.until(Duration.ofSeconds(30), "the backlog deleted", () -> FilesystemStorageIT.chunkFiles(storage).isEmpty());
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), tail(p.stderr()));
        }
        refresh(delivered);
        System.out.printf("outage with filesystem storage: %d records (%d MB) acknowledged while the output was down, "
                        + "backlog on disk peaked at %d MB, RSS peaked at %d MB with -Xmx96m; delivered %d, lost %d, "
                        + "duplicated %d%n", RECORDS, (long) RECORDS * (PADDING.length() + 20) >> 20, maxDiskBytes >> 20,
                maxRssKb >> 10, delivered.distinct(), delivered.missing(), delivered.duplicates());
        assertEquals(0, delivered.missing(), "lost, e.g. " + delivered.someMissing(20));
        assertEquals(0, delivered.duplicates(), "duplicated");
        assertTrue(maxDiskBytes > 96L << 20, "the outage backlog (" + (maxDiskBytes >> 20) + " MB) outgrew the heap");
        // The stated bound: the 96 MB heap plus the JVM's own overhead (measured at about 175 MB in all).
        assertTrue(maxRssKb < 320L << 10, "RSS peaked at " + (maxRssKb >> 10) + " MB");
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            return 0;   // the process ended; the assertions on it report that
        }
        return 0;
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }

    private static void refresh(DeliveredNumbers d) {
        try {
            d.refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
