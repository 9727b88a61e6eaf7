package io.tributary.cli;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serial collector's old generation, fed objects that outlive young collections and then die, stays near its
 * threshold when watched, and grows to the heap's maximum when not. Each case runs in its own JVM with the
 * serial collector and a 1 GB maximum heap (the JVM running the tests may use another collector).
 */
class OldGenerationLimitTest {
    private static final long MB = 1024 * 1024;

    @Test
    void thresholdIsTwiceWhatLivedWithAFloorAndTheMaximumAsCeiling() {
        assertEquals(OldGenerationLimit.FLOOR_BYTES, OldGenerationLimit.threshold(0, 1024 * MB));
        assertEquals(OldGenerationLimit.FLOOR_BYTES, OldGenerationLimit.threshold(20 * MB, 1024 * MB));
        assertEquals(200 * MB, OldGenerationLimit.threshold(100 * MB, 1024 * MB));
        assertEquals(1024 * MB, OldGenerationLimit.threshold(600 * MB, 1024 * MB));
        assertEquals(200 * MB, OldGenerationLimit.threshold(100 * MB, -1), "no maximum known");
    }

    @Test
    void watchedOldGenerationStaysNearWhatIsLive() throws Exception {
        long watched = peakOldGenerationMb(true);
        long unwatched = peakOldGenerationMb(false);
        // ~24 MB live: the floor (64 MB) bounds it, plus what is promoted while the notification that starts the
        // collection is on its way.
        assertTrue(watched < 200, "watched old generation peaked at " + watched + " MB");
        assertTrue(unwatched > 500, "unwatched old generation peaked at " + unwatched + " MB: the case proves nothing");
    }

    private static long peakOldGenerationMb(boolean watch) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xmx1g", "-Xmn8m",
                "-cp", System.getProperty("java.class.path"), PromotedGarbage.class.getName(), Boolean.toString(watch))
                .redirectErrorStream(true).start();
        String out;
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        String last = out.lines().reduce((a, b) -> b).orElse("");
        return Long.parseLong(last);
    }

    /** Keeps 24 MB of 256 KB arrays alive, replacing the oldest with a new one 4,000 times (1 GB allocated). */
    public static final class PromotedGarbage {
        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0]) && !OldGenerationLimit.install()) {
                throw new IllegalStateException("no serial old generation");
            }
            List<byte[]> live = new ArrayList<>();
            for (int i = 0; i < 96; i++) live.add(new byte[256 * 1024]);
            for (int i = 0; i < 4000; i++) {
                live.set(i % live.size(), new byte[256 * 1024]);
                // An engine allocates between reads and sends; a loop that only allocates would outrun the
                // notification that starts the collection, by hundreds of MB on a busy machine.
                if (i % 64 == 0) sleep(5);
            }
            MemoryPoolMXBean tenured = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(m -> OldGenerationLimit.POOL.equals(m.getName())).findFirst().orElseThrow();
            System.out.println(tenured.getPeakUsage().getUsed() / MB);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
