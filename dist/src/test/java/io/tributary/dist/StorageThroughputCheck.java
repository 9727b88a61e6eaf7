package io.tributary.dist;

import io.tributary.testing.Await;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Not a test (no assertion, not run by the build): end-to-end records/s of Fluency with acks → forward → null,
 * with storage.type memory, then filesystem with storage.sync normal and full, one bin/tributary process each.
 * The rate is what the client saw acknowledged, so it includes the wait for every ack.
 * Run: java -Dtributary.home=dist/target/tributary -cp TEST_CLASSPATH io.tributary.dist.StorageThroughputCheck [records]
 */
public final class StorageThroughputCheck {
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("tributary-throughput");
        for (String mode : new String[] {"memory", "normal", "full"}) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path conf = TributaryProcess.writeConfig(dir, mode + ".conf", """
                    [SERVICE]
                        Flush        1
                        storage.path %s
                        storage.sync %s
                    [INPUT]
                        Name          forward
                        Listen        127.0.0.1
                        Port          %d
                        storage.type  %s
                        Mem_Buf_Limit 64M
                    [OUTPUT]
                        Name  null
                        Match *
                    """.formatted(dir.resolve(mode), mode.equals("full") ? "full" : "normal", port,
                    mode.equals("memory") ? "memory" : "filesystem"));
            try (TributaryProcess p = TributaryProcess.start(Map.of(), "-c", conf.toString())) {
                Await.until(Duration.ofSeconds(30), "started", () -> p.stderr().contains("started (pid="));
                FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
                b.setAckResponseMode(true);
                b.setWaitUntilBufferFlushed(300);
                long t0 = System.nanoTime();
                try (Fluency fluency = b.build("127.0.0.1", port)) {
                    for (int i = 0; i < records; i++) {
                        fluency.emit("bench", Map.of("n", i, "log", "10.0.0.12 - - \"GET /api/v1/orders?id=1234 HTTP/1.1\" 200 512"));
                    }
                    fluency.flush();
                    if (!fluency.waitUntilAllBufferFlushed(300)) throw new IllegalStateException("not all acknowledged");
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%-7s %,d records acknowledged in %.1f s: %,.0f records/s%n", mode, records, s, records / s);
                p.signalTerm();
                p.waitFor(Duration.ofSeconds(30));
            }
        }
    }
}
