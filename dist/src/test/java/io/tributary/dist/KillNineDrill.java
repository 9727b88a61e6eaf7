package io.tributary.dist;

import io.tributary.testing.Await;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill -9 drill: Fluency sends numbered records with acks (it resends whatever was not acknowledged, forever)
 * to bin/tributary's forward input with filesystem storage, while the drill kills the process with SIGKILL at random
 * points and starts it again. At the end Fluency has seen every record acknowledged; the caller then asserts that
 * every one reached the destination.
 */
final class KillNineDrill {
    /** Where the records go, and how the drill sees what arrived. */
    interface Destination {
        /** The {@code [OUTPUT]} section, matching tag {@code kill9}. */
        String outputSection();

        /** Environment for the tributary process. */
        default Map<String, String> env() { return Map.of(); }

        /** Counts what reached the destination since the last call. */
        void collect(DeliveredNumbers delivered) throws IOException;
    }

    /**
     * @param replayedRecords  records the restarted processes found on disk (some of them already delivered: a
     *                         chunk in flight at a kill is sent again whole)
     * @param unconfirmedAtKills summed over the kills, records the client had handed over but the destination did
     *                         not yet show at that moment: what Fluency may send again if its ack was lost
     */
    record Result(long seed, int records, int kills, int starts, double seconds, long replayedRecords,
                  long replayedChunks, long damagedChunkFiles, long unconfirmedAtKills) {
        String describe(DeliveredNumbers d) {
            return String.format("kill -9 proof (seed %d): sent %d, acknowledged %d, delivered %d distinct, "
                            + "%d duplicate(s) (records in flight at a kill), %d torn output line(s), %d SIGKILLs, "
                            + "%d starts, %.1f s; replayed from disk after the kills: %d record(s) in %d chunk(s), "
                            + "%d damaged chunk file(s); sent but not yet delivered at the kills: %d record(s)", seed,
                    records, records, d.distinct(), d.duplicates(), d.tornLines(), kills, starts, seconds,
                    replayedRecords, replayedChunks, damagedChunkFiles, unconfirmedAtKills);
        }

        /**
         * The most duplicates the kills can explain: a record is delivered twice only if its chunk was replayed from
         * disk after a kill, or if the client sent it again because the kill took its ack.
         */
        long duplicatesExplained() { return replayedRecords + unconfirmedAtKills; }
    }

    private KillNineDrill() {}

    static Result run(Path dir, Path storage, int records, int kills, int recordsPerSecond, Destination destination,
                      DeliveredNumbers delivered) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
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
                """.formatted(storage, port) + destination.outputSection());
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);

        FluencyBuilderForFluentd b = AckingFluency.builder();
        // Back quickly after each restart.
        b.setSenderBaseRetryIntervalMillis(50);
        // Small, frequent sends: records reach Tributary continuously rather than in one burst a second.
        b.setBufferChunkRetentionTimeMillis(100);
        b.setBufferChunkInitialSize(128 * 1024);
        b.setBufferChunkRetentionSize(256 * 1024);
        b.setFlushAttemptIntervalMillis(50);
        b.setConnectionTimeoutMilli(2000);
        b.setReadTimeoutMilli(5000);
        b.setWaitUntilBufferFlushed(10);
        b.setWaitUntilFlusherTerminated(10);

        Runnable collect = () -> {
            try {
                destination.collect(delivered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        TributaryProcess p = TributaryProcess.start(destination.env(), "-c", conf.toString());
        int started = 1;
        BacklogReplays replayed = new BacklogReplays();
        AtomicLong emitted = new AtomicLong();
        long unconfirmedAtKills = 0;
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (Fluency fluency = b.build("127.0.0.1", port)) {
            // Paced so that the kills fall while records are still arriving, not after the client is done.
            Thread sender = Thread.ofPlatform().name("fluency-sender").start(() -> {
                try {
                    long start = System.nanoTime();
                    long nanosPerRecord = 1_000_000_000L / recordsPerSecond;
                    for (int i = 0; i < records; i++) {
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
            for (int kill = 1; kill <= kills; kill++) {
                // Kill at a random point: after a random number of further records reached the destination.
                long target = Math.min(records - 1, delivered.distinct() + records / (kills + 2) / 2
                        + random.nextInt(Math.max(1, records / (kills + 2))));
                TributaryProcess running = p;
                Await.until(Duration.ofSeconds(180), target + " records delivered before kill " + kill, () -> {
                    collect.run();
                    // Once the client holds nothing more, no further progress can come: kill now regardless.
                    boolean clientDone = emitted.get() == records && fluency.getBufferedDataSize() == 0;
                    return delivered.distinct() >= target || clientDone || !running.isAlive();
                });
                assertTrue(p.isAlive(), "tributary died by itself:\n" + tail(p.stderr()));
                Await.until(Duration.ofSeconds(30), "start " + started + " running", () -> running.stderr().contains("started (pid="));
                // Delivery happens on the flush tick, so "N records delivered" is a moment when the buffer was just
                // emptied; a random pause within one flush interval makes the kill land anywhere in the cycle.
                LockSupport.parkNanos(Duration.ofMillis(random.nextInt(1000)).toNanos());
                // Counted from the last look at the destination, so if anything too high: a looser bound, never a tighter.
                unconfirmedAtKills += Math.max(0, emitted.get() - delivered.distinct());
                p.kill();
                p.waitFor(Duration.ofSeconds(10));
                replayed.add(p.stderr());
                p.close();
                p = TributaryProcess.start(destination.env(), "-c", conf.toString());
                started++;
            }
            sender.join(Duration.ofSeconds(300));
            assertNull(senderFailure.get(), "Fluency refused a record");
            assertEquals(records, emitted.get());
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(180), "Fluency saw every record acknowledged");
            TributaryProcess last = p;
            // Everything is acknowledged, so the rest is Tributary's: wait for all of it, or for the destination to
            // go quiet for 10 s (records lost: the caller's assertion names them).
            long[] quiet = {delivered.lines(), System.nanoTime()};
            Await.until(Duration.ofSeconds(300), records + " distinct records delivered", () -> {
                collect.run();
                if (delivered.lines() != quiet[0]) {
                    quiet[0] = delivered.lines();
                    quiet[1] = System.nanoTime();
                }
                return delivered.distinct() == records || !last.isAlive()
                        || System.nanoTime() - quiet[1] > Duration.ofSeconds(10).toNanos();
            });
            // A SIGTERM before the JVM has taken the signal over ends it with 143; this one is for a running pipeline.
            Await.until(Duration.ofSeconds(30), "the last start complete", () -> last.stderr().contains("started (pid="));
            p.signalTerm();
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), tail(p.stderr()));
            replayed.add(p.stderr());
            collect.run();
        } finally {
            p.close();
        }
        return new Result(seed, records, kills, started, (System.nanoTime() - t0) / 1e9, replayed.records,
                replayed.chunks, replayed.damaged, unconfirmedAtKills);
    }

    /** What the restarted processes logged about the backlog they found. */
    private static final class BacklogReplays {
        private static final Pattern BACKLOG = Pattern.compile("storage backlog: (\\d+) chunk\\(s\\), (\\d+) record\\(s\\)");
        long chunks;
        long records;
        long damaged;

        void add(String stderr) {
            Matcher m = BACKLOG.matcher(stderr);
            while (m.find()) {
                chunks += Long.parseLong(m.group(1));
                records += Long.parseLong(m.group(2));
            }
            damaged += stderr.lines().filter(l -> l.contains("corrupt chunk file")).count();
        }
    }

    static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
