package io.tributary.dist;

import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sidecar's memory after a burst: the launcher's defaults and the engine's idle trim give what a burst of records
 * took back once the engine is quiet, instead of keeping the grown heap for good.
 */
class IdleMemoryIT {
    private static final int RECORDS = 4_000_000;
    private static final int PER_MESSAGE = 1000;
    /** How far above its idle RSS before the burst the engine may stay after it (a few MB of JIT code, buffers). */
    private static final long SLACK_KB = 20 << 10;

    @TempDir Path dir;

    @Test
    void aBurstsMemoryIsGivenBackOnceTheEngineIsQuiet() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = TributaryProcess.writeConfig(dir, "idle.conf", """
                [SERVICE]
                    Flush 1
                [INPUT]
                    Name   forward
                    Listen 127.0.0.1
                    Port   %d
                [OUTPUT]
                    Name  null
                    Match *
                """.formatted(port));
        byte[] message = packedForward();
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString())) {
            Await.until(Duration.ofSeconds(30), "started", () -> p.stderr().contains("started (pid="));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(message);
            }
            long idleKb = rssKb(p.pid());
            long[] peakKb = {idleKb};
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = s.getOutputStream();
                for (int sent = 0; sent < RECORDS; sent += PER_MESSAGE) {
                    out.write(message);
                    if (sent % (200 * PER_MESSAGE) == 0) peakKb[0] = Math.max(peakKb[0], rssKb(p.pid()));
                }
            }
            assertTrue(peakKb[0] > idleKb + SLACK_KB, "the burst raised the RSS from " + (idleKb >> 10) + " MB to only "
                    + (peakKb[0] >> 10) + " MB: the case proves nothing");
            long[] nowKb = {0};
            Await.until(Duration.ofSeconds(60), "RSS back near its " + (idleKb >> 10) + " MB before the burst of "
                    + (peakKb[0] >> 10) + " MB", () -> {
                nowKb[0] = rssKb(p.pid());
                return nowKb[0] < idleKb + SLACK_KB;
            });
            System.out.printf("idle RSS %d MB, %d MB during a burst of %,d records, %d MB once quiet%n",
                    idleKb >> 10, peakKb[0] >> 10, RECORDS, nowKb[0] >> 10);
            assertTrue(p.isAlive(), p.stderr());
        }
    }

    /** One PackedForward message (no ack) of {@link #PER_MESSAGE} records of ~120 bytes. */
    private static byte[] packedForward() throws IOException {
        long now = System.currentTimeMillis() / 1000;
        MessageBufferPacker entries = MessagePack.newDefaultBufferPacker();
        for (int i = 0; i < PER_MESSAGE; i++) {
            entries.packArrayHeader(2).packLong(now).packMapHeader(3);
            entries.packString("message").packString("user=" + i + " action=login status=ok latency_ms=42 path=/api/v1/items/" + i);
            entries.packString("host").packString("web-01");
            entries.packString("level").packString("info");
        }
        byte[] body = entries.toByteArray();
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packArrayHeader(2).packString("burst").packBinaryHeader(body.length).writePayload(body);
        return m.toByteArray();
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
            throw new IllegalStateException("no VmRSS for " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
