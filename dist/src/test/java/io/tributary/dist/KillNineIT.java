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
import java.util.concurrent.locks.LockSupport;

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
    /** Paced so that the kills fall while records are still arriving, not after the client is done. */
    private static final int RECORDS_PER_SECOND = Integer.getInteger("tributary.kill9.rate", 25_000);

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
                    Flush        1
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
        // Small, frequent sends: records reach Tributary continuously rather than in one burst a second.
        b.setBufferChunkRetentionTimeMillis(100);
        b.setBufferChunkInitialSize(128 * 1024);
        b.setBufferChunkRetentionSize(256 * 1024);
        b.setFlushAttemptIntervalMillis(50);
        b.setConnectionTimeoutMilli(2000);
        b.setReadTimeoutMilli(5000);
        b.setWaitUntilBufferFlushed(120);
        b.setWaitUntilFlusherTerminated(10);

        TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString());
        int started = 1;
        BacklogReplays replayed = new BacklogReplays();
        AtomicLong emitted = new AtomicLong();
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (Fluency fluency = b.build("127.0.0.1", port)) {
            Thread sender = Thread.ofPlatform().name("fluency-sender").start(() -> {
                try {
                    long start = System.nanoTime();
                    long nanosPerRecord = 1_000_000_000L / RECORDS_PER_SECOND;
                    for (int i = 0; i < RECORDS; i++) {
                        fluency.emit("kill9", Map.of("n", i));
                        emitted.incrementAndGet();
                        if (i % 1000 == 999) {
                            long ahead = start + (i + 1) * nanosPerRecord - System.nanoTime();
                            if (ahead > 0) LockSupport.parkNanos(ahead);
                        }
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
                Await.until(Duration.ofSeconds(120), target + " records delivered before kill " + kill, () -> {
                    refresh(delivered);
                    // Once the client holds nothing more, no further progress can come: kill now regardless.
                    boolean clientDone = emitted.get() == RECORDS && fluency.getBufferedDataSize() == 0;
                    return delivered.distinct() >= target || clientDone || !running.isAlive();
                });
                assertTrue(p.isAlive(), "tributary died by itself:\n" + tail(p.stderr()));
                Await.until(Duration.ofSeconds(30), "start " + started + " running", () -> running.stderr().contains("started (pid="));
                // Delivery happens on the flush tick, so "N records delivered" is a moment when the buffer was just
                // emptied; a random pause within one flush interval makes the kill land anywhere in the cycle.
                LockSupport.parkNanos(Duration.ofMillis(random.nextInt(1000)).toNanos());
                p.kill();
                p.waitFor(Duration.ofSeconds(10));
                replayed.add(p.stderr());
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
            // Everything is acknowledged, so the rest is Tributary's: wait for all of it, or for the output to go
            // quiet for 10 s (records lost: the assertion below names them).
            long[] quiet = {delivered.lines(), System.nanoTime()};
            Await.until(Duration.ofSeconds(180), RECORDS + " distinct records in the output", () -> {
                refresh(delivered);
                if (delivered.lines() != quiet[0]) {
                    quiet[0] = delivered.lines();
                    quiet[1] = System.nanoTime();
                }
                return delivered.distinct() == RECORDS || !last.isAlive()
                        || System.nanoTime() - quiet[1] > Duration.ofSeconds(10).toNanos();
            });
            // A SIGTERM before the JVM has taken the signal over ends it with 143; this one is for a running pipeline.
            Await.until(Duration.ofSeconds(30), "the last start complete", () -> last.stderr().contains("started (pid="));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), tail(p.stderr()));
            replayed.add(p.stderr());
            refresh(delivered);
        } finally {
            p.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("kill -9 proof (seed %d): sent %d, acknowledged %d, delivered %d distinct, %d duplicate(s) "
                        + "(records in flight at a kill), %d torn output line(s), %d SIGKILLs, %d starts, %.1f s; "
                        + "replayed from disk after the kills: %d record(s) in %d chunk(s), %d damaged chunk file(s)%n",
                seed, RECORDS, RECORDS, delivered.distinct(), delivered.duplicates(), delivered.tornLines(), KILLS,
                started, seconds, replayed.records, replayed.chunks, replayed.damaged);
        assertTrue(replayed.records > 0, "no kill left a backlog on disk: the kills proved nothing");
        assertEquals(0, delivered.missing(), "acknowledged but never delivered, e.g. " + delivered.someMissing(20));
        assertEquals(java.util.List.of(), FilesystemStorageIT.chunkFiles(storage), "every chunk delivered and deleted");
    }

    /** What the restarted processes logged about the backlog they found. */
    private static final class BacklogReplays {
        private static final java.util.regex.Pattern BACKLOG =
                java.util.regex.Pattern.compile("storage backlog: (\\d+) chunk\\(s\\), (\\d+) record\\(s\\)");
        long chunks;
        long records;
        long damaged;

        void add(String stderr) {
            java.util.regex.Matcher m = BACKLOG.matcher(stderr);
            while (m.find()) {
                chunks += Long.parseLong(m.group(1));
                records += Long.parseLong(m.group(2));
            }
            damaged += stderr.lines().filter(l -> l.contains("corrupt chunk file")).count();
        }
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
