package io.tributary.dist;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guarantee filesystem storage exists for: what Tributary acknowledged survives {@code kill -9}. Fluency sends
 * numbered records with acks (it resends whatever was not acknowledged, forever) while the test kills bin/tributary
 * with SIGKILL at random points and starts it again. At the end Fluency has seen every record acknowledged, and
 * every record must be in the output; duplicates (records in flight at a kill) are counted and printed.
 */
class KillNineIT {
    private static final int RECORDS = Integer.getInteger("tributary.kill9.records", 1_000_000);
    private static final int KILLS = Integer.getInteger("tributary.kill9.kills", 6);

    @TempDir Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyAcknowledgedRecordIsDeliveredThroughRepeatedSigkill() throws Exception {
        Path storage = dir.resolve("storage");
        Path out = Files.createDirectories(dir.resolve("out"));
        int port = freePort();
        Path conf = TributaryProcess.writeConfig(dir, "kill9.conf", """
                [SERVICE]
                    Flush        0.2
                    Grace        5
                    storage.path %s
                    storage.sync normal
                [INPUT]
                    Name         forward
                    Listen       127.0.0.1
                    Port         %d
                    storage.type filesystem
                [OUTPUT]
                    Name   file
                    Match  *
                    Path   %s
                    Format plain
                """.formatted(storage, port, out));
        DeliveredNumbers delivered = new DeliveredNumbers(out.resolve("kill9"), RECORDS);
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);

        FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
        b.setAckResponseMode(true);
        b.setSenderMaxRetryCount(Integer.MAX_VALUE);
        b.setSenderBaseRetryIntervalMillis(50);
        b.setSenderMaxRetryIntervalMillis(500);
        b.setFlushAttemptIntervalMillis(100);
        b.setConnectionTimeoutMilli(2000);
        b.setReadTimeoutMilli(5000);
        b.setWaitUntilBufferFlushed(120);
        b.setWaitUntilFlusherTerminated(10);

        TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString());
        int started = 1;
        AtomicLong emitted = new AtomicLong();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (Fluency fluency = b.build("127.0.0.1", port)) {
            Thread sender = Thread.ofPlatform().name("fluency-sender").start(() -> {
                try {
                    for (int i = 0; i < RECORDS; i++) {
                        fluency.emit("kill9", Map.of("n", i));
                        emitted.incrementAndGet();
                    }
                } catch (IOException | RuntimeException e) {
                    senderFailure.set(e);
                }
            });
            for (int kill = 1; kill <= KILLS; kill++) {
                // Kill at a random point: after a random number of further records reached the output.
                long target = Math.min(RECORDS - 1, delivered.distinct() + RECORDS / (KILLS + 2) / 2
                        + random.nextInt(Math.max(1, RECORDS / (KILLS + 2))));
                TributaryProcess running = p;
                Await.until(Duration.ofSeconds(120), "record " + target + " delivered before kill " + kill, () -> {
                    refresh(delivered);
                    return delivered.distinct() >= target || !running.isAlive();
                });
                assertTrue(p.isAlive(), "tributary died by itself:\n" + tail(p.stderr()));
                p.kill();
                p.waitFor(Duration.ofSeconds(10));
                p.close();
                p = TributaryProcess.start(Map.of(), "-c", conf.toString());
                started++;
            }
            sender.join(Duration.ofSeconds(300));
            assertNull(senderFailure.get(), "Fluency refused a record");
            assertEquals(RECORDS, emitted.get());
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(180), "Fluency saw every record acknowledged");
            TributaryProcess last = p;
            Await.until(Duration.ofSeconds(120), RECORDS + " distinct records in the output", () -> {
                refresh(delivered);
                return delivered.distinct() == RECORDS || !last.isAlive();
            });
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), tail(p.stderr()));
            refresh(delivered);
        } finally {
            p.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("kill -9 proof (seed %d): sent %d, acknowledged %d, delivered %d distinct, %d duplicate(s) "
                        + "(records in flight at a kill), %d torn output line(s), %d SIGKILLs, %d starts, %.1f s%n",
                seed, RECORDS, RECORDS, delivered.distinct(), delivered.duplicates(), delivered.tornLines(), KILLS,
                started, seconds);
        assertEquals(0, delivered.missing(), "acknowledged but never delivered, e.g. " + delivered.someMissing(20));
        assertEquals(java.util.List.of(), FilesystemStorageIT.chunkFiles(storage), "every chunk delivered and deleted");
    }

    private static void refresh(DeliveredNumbers d) {
        try {
            d.refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
